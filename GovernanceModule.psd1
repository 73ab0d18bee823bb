@{
    RootModule           = 'GovernanceModule.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1f8c52-3b7e-4f4e-9a55-2f0d4c1e7a90'
    Author               = 'GovernanceModule contributors'
    CompanyName          = 'GovernanceModule'
    Copyright            = '(c) 2026 GovernanceModule contributors. MIT License.'
    Description          = 'Bulk, safe changes to identity-governance provisioning work: Oracle Identity Governance provisioning tasks, SailPoint NERM workflow sessions and SailPoint ISC provisioning policies.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @(
        'GovernanceModule.Oig.Format.ps1xml'
        'GovernanceModule.Nerm.Format.ps1xml'
        'GovernanceModule.Isc.Format.ps1xml'
        'GovernanceModule.Journal.Format.ps1xml'
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
        'Get-GovernanceJournal'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('OIG', 'OracleIdentityGovernance', 'SailPoint', 'NERM', 'IdentityNow', 'ISC', 'IdentityGovernance', 'Provisioning', 'Bulk', 'CSV',
                'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/GovernanceModule/GovernanceModule'
            LicenseUri   = 'https://github.com/GovernanceModule/GovernanceModule/blob/main/LICENSE'
            ReleaseNotes = 'Bulk changes to OIG provisioning tasks, NERM workflow sessions and ISC provisioning policies from the pipeline or a CSV file, with -WhatIf, one result or error per row, safe re-sends under faults, Ctrl+C accounting ($GovernanceStopReport) and Disconnect-* commands. The emulator for runbook tests ships as the module GovernanceModule.Emulator.'
        }
    }
}
