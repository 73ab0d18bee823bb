@{
    RootModule           = 'GovernanceModule.Emulator.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '8aa27544-c86c-473e-91cf-7c8f7b0f067f'
    Author               = 'GovernanceModule contributors'
    CompanyName          = 'GovernanceModule'
    Copyright            = '(c) GovernanceModule contributors. All rights reserved.'
    Description          = 'A local emulator of the Oracle Identity Governance, SailPoint NERM and SailPoint ISC APIs that GovernanceModule speaks, for testing runbooks without a tenant: start it, connect GovernanceModule with its demo credentials, inspect the requests it received and inject faults. Needs the ASP.NET Core Runtime 8.0 or later.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FunctionsToExport    = @(
        'Start-GovernanceEmulator'
        'Stop-GovernanceEmulator'
        'Get-GovernanceEmulatorRequest'
        'Set-GovernanceEmulatorFault'
        'Clear-GovernanceEmulatorFault'
        'Reset-GovernanceEmulator'
    )
    CmdletsToExport      = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('GovernanceModule', 'Emulator', 'Testing', 'Pester', 'OIG', 'SailPoint', 'NERM', 'ISC', 'IdentityNow', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/GovernanceModule/GovernanceModule'
            LicenseUri = 'https://github.com/GovernanceModule/GovernanceModule/blob/main/LICENSE'
        }
    }
}
