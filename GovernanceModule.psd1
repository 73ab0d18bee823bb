@{
    RootModule           = 'GovernanceModule.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1f8c52-3b7e-4f4e-9a55-2f0d4c1e7a90'
    Author               = 'GovernanceModule contributors'
    CompanyName          = 'GovernanceModule'
    Copyright            = '(c) GovernanceModule contributors. All rights reserved.'
    Description          = 'Bulk, safe changes to identity-governance provisioning work: Oracle Identity Governance provisioning tasks, SailPoint NERM workflow sessions and SailPoint ISC provisioning policies.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @(
        'GovernanceModule.Oig.Format.ps1xml'
        'GovernanceModule.Nerm.Format.ps1xml'
        'GovernanceModule.Isc.Format.ps1xml'
    )
    CmdletsToExport      = @(
        'Connect-OigServer'
        'Disconnect-OigServer'
        'Get-ProvTask'
        'Invoke-ProvTaskRetry'
        'Set-ProvTask'
        'Connect-NermTenant'
        'Disconnect-NermTenant'
        'Get-WorkflowSession'
        'Update-WorkflowSession'
        'Connect-IscTenant'
        'Disconnect-IscTenant'
        'Edit-ProvisioningPolicy'
        'Get-ProvisioningPolicy'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('OIG', 'OracleIdentityGovernance', 'SailPoint', 'NERM', 'IdentityNow', 'ISC', 'Provisioning', 'Bulk')
        }
    }
}
