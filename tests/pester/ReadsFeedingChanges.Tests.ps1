#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# A list read piped straight into a change that moves items out of the list's filter, exactly as README shows it:
# every matching item is reached, though each change shrinks what the filter matches while the list is read.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module (Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1') -Force
    # Every fourth generated OIG task is Rejected (5,000 of 20,000, plus 3 of the seed); every fifth generated NERM
    # session is pending_approval (5,000 of 25,000, plus the seed's session).
    $script:Emulator = Start-GovernanceEmulator -ArgumentList '--Emulator:OigGeneratedTasks', '20000', '--Emulator:Nerm:GeneratedSessions', '25000'
    Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential
    Connect-NermTenant -Uri $Emulator.Uri -Token $Emulator.NermToken
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'Reads that feed changes' {
    It 'Get-ProvTask -Filter Rejected | Invoke-ProvTaskRetry retries every one of 5,003 rejected tasks' {
        $results = @(Get-ProvTask -Filter 'Status.Category eq Rejected' | Invoke-ProvTaskRetry -ErrorAction SilentlyContinue -ErrorVariable failures)

        $sent = @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT |
            ForEach-Object { ($_.body | ConvertFrom-Json).tasks.id } | Sort-Object -Unique)
        $sent.Count | Should -Be 5003
        $results.Count | Should -Be 5003
        # Task 31 is a manual task: OIG refuses its retry, so it stays Rejected; every other one was retried.
        $failures.Count | Should -Be 1
        "$($failures[0].TargetObject)" | Should -Be '31'
        @(Get-ProvTask -Filter 'Status.Category eq Rejected').TaskId | Should -Be @('31')
    }

    It 'Get-WorkflowSession -Status | Update-WorkflowSession moves every one of 5,001 sessions' {
        $results = @(Get-WorkflowSession -Status 'pending approval' | Update-WorkflowSession -Status approved)

        $patched = @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api nerm -Method PATCH | ForEach-Object path | Sort-Object -Unique)
        $patched.Count | Should -Be 5001
        $results.Count | Should -Be 5001
        @(Get-WorkflowSession -Status 'pending approval').Count | Should -Be 0
    }
}
