#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Tests of the sample runbook, as a runbook author writes them: against the emulator that ships as the module
# GovernanceModule.Emulator (one injected fault included), and as a unit test with Mock and no server at all.
# In your own repository, import both modules by name once they are installed.

BeforeAll {
    $script:Runbook = Join-Path $PSScriptRoot 'Update-ProvTask.ps1'
    $out = Join-Path $PSScriptRoot '../out'
    Import-Module (Join-Path $out 'GovernanceModule/GovernanceModule.psd1') -Force
    Import-Module (Join-Path $out 'GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force

    function script:New-TaskCsv([string[]] $Lines) {
        $path = Join-Path $TestDrive ("tasks-{0}.csv" -f [guid]::NewGuid())
        Set-Content -Path $path -Value $Lines
        $path
    }
}

Describe 'Update-ProvTask.ps1 against the emulator' {
    BeforeAll {
        $script:Emulator = Start-GovernanceEmulator
    }

    AfterAll {
        Stop-GovernanceEmulator -Emulator $Emulator
    }

    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        $script:Results = Join-Path $TestDrive 'results.csv'
        $script:Retry = Join-Path $TestDrive 'retry.csv'
    }

    It 'applies every row in one bulk request, writes the results and puts the unknown task in the retry file' {
        $csv = New-TaskCsv 'TaskId,Action,Assignee,Note', '3016,,23,', '6,SetNote,,Checked', '999999,SetNote,,No such task'

        $summary = & $Runbook -CsvPath $csv -ResultPath $Results -RetryPath $Retry -Uri $Emulator.Uri -Credential $Emulator.OigCredential

        $summary.Rows | Should -Be 3
        $summary.Succeeded | Should -Be 2
        $summary.Failed | Should -Be 1
        @(Import-Csv $Results).Count | Should -Be 3
        $retryRows = @(Import-Csv $Retry)
        $retryRows.Count | Should -Be 1
        $retryRows[0].TaskId | Should -Be '999999'
        $retryRows[0].Note | Should -Be 'No such task'
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT).Count | Should -Be 1
    }

    It 'puts every row of a refused request in the retry file, and a second run of that file succeeds' {
        $csv = New-TaskCsv 'TaskId,Note', '6,First try', '3016,First try'
        # The server refuses the first bulk request: both rows fail with PermissionDenied.
        Set-GovernanceEmulatorFault -Emulator $Emulator -Api oig -Method PUT -StatusCode 403 -Count 1 | Out-Null

        $first = & $Runbook -CsvPath $csv -ResultPath $Results -RetryPath $Retry -Uri $Emulator.Uri -Credential $Emulator.OigCredential

        $first.Failed | Should -Be 2
        @(Import-Csv $Retry).TaskId | Should -Be @('6', '3016')

        $second = & $Runbook -CsvPath $Retry -ResultPath $Results -RetryPath (Join-Path $TestDrive 'retry-2.csv')

        $second.Succeeded | Should -Be 2
        $second.RetryPath | Should -BeNullOrEmpty
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT).Count | Should -Be 2
    }

    It 'sends nothing under -WhatIf' {
        $csv = New-TaskCsv 'TaskId,Note', '6,Not sent'

        & $Runbook -CsvPath $csv -ResultPath $Results -RetryPath $Retry -Uri $Emulator.Uri -Credential $Emulator.OigCredential -WhatIf | Out-Null

        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT).Count | Should -Be 0
    }
}

Describe 'Update-ProvTask.ps1 as a unit, with Set-ProvTask mocked' {
    It 'writes a retry file of the rows Set-ProvTask reported errors for, with their original columns' {
        # No server: Set-ProvTask answers SUCCESS, except for task 13, for which it writes an error naming its row.
        Mock Set-ProvTask {
            if ($TaskId -eq '13') {
                Write-Error -Message 'Row: task 13 failed' -TargetObject $InputObject
            }
            else {
                [pscustomobject]@{ TaskId = $TaskId; Status = 'SUCCESS'; Succeeded = $true }
            }
        }
        $csv = New-TaskCsv 'TaskId,Note', '12,a', '13,b', '14,c'
        $retry = Join-Path $TestDrive 'unit-retry.csv'

        $summary = & $Runbook -CsvPath $csv -ResultPath (Join-Path $TestDrive 'unit-results.csv') -RetryPath $retry

        Should -Invoke Set-ProvTask -Times 3 -Exactly
        $summary.Succeeded | Should -Be 2
        $summary.Failed | Should -Be 1
        $rows = @(Import-Csv $retry)
        $rows.Count | Should -Be 1
        $rows[0].TaskId | Should -Be '13'
        $rows[0].Note | Should -Be 'b'
    }
}
