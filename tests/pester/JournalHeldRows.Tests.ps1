#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Resuming a journal whose earlier run left rows unsent: those rows wait until the journal's last row is read and found
# the same, so that a changed input ends the run before anything is sent; with the same input they are sent, in order.
# The earlier run: five good rows wait in a batch of ten, and a bad sixth row ends the run under -ErrorAction Stop, so
# the journal holds rows 1-5 as not sent and row 6 with its error.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule/GovernanceModule.psd1') -Force
    $script:Emulator = Start-GovernanceEmulator
    Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential
    $script:TaskIds = @(Get-ProvTask | Select-Object -First 7 | ForEach-Object { [string] $_.TaskId })

    function script:Get-Puts { @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT) }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
}

Describe 'Resuming a journal that left rows unsent' {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        $script:Journal = Join-Path $TestDrive ('run-{0}.journal' -f [guid]::NewGuid().ToString('N'))
        $script:Rows = @($TaskIds | Select-Object -First 5 | ForEach-Object { [pscustomobject]@{ TaskId = $_ } }) + @([pscustomobject]@{ TaskId = 'not-a-task' })
        { $Rows | Set-ProvTask -Note 'held' -BatchSize 10 -JournalPath $Journal -ErrorAction Stop } | Should -Throw -ErrorId 'ProvTaskInvalidInput,*'
        @(Get-Puts).Count | Should -Be 0
        (Get-GovernanceJournal -Path $Journal).State | Should -Be @('NotSent', 'NotSent', 'NotSent', 'NotSent', 'NotSent', 'Failed')
    }

    It 'sends none of them when the journal''s last row differs' {
        $changed = @($Rows | Select-Object -First 5) + @([pscustomobject]@{ TaskId = $TaskIds[6] })
        # One change per request: a row let go before the last row is checked would be sent at once.
        { $changed | Set-ProvTask -Note 'held' -BatchSize 1 -ThrottleLimit 1 -JournalPath $Journal -ErrorAction Stop } |
            Should -Throw -ErrorId 'GovernanceJournalDifferentInput,*' -ExpectedMessage 'Row 6: *'
        @(Get-Puts).Count | Should -Be 0
        # The rows held back are in the account of the early end, with the changed one.
        $global:GovernanceStopReport.Inputs.Fate | Should -Be @('NotSent', 'NotSent', 'NotSent', 'NotSent', 'NotSent', 'NotSent')
        (Get-GovernanceJournal -Path $Journal).State | Should -Be @('NotSent', 'NotSent', 'NotSent', 'NotSent', 'NotSent', 'Failed')
    }

    It 'sends them with the same input, and writes every outcome in row order' {
        $all = @($Rows | Set-ProvTask -Note 'held' -BatchSize 1 -ThrottleLimit 1 -JournalPath $Journal -ErrorAction Continue 2>&1)
        @(Get-Puts).Count | Should -Be 5
        $all.Count | Should -Be 6
        ($all | Select-Object -First 5 | ForEach-Object { [string] $_.TaskId }) | Should -Be ($TaskIds | Select-Object -First 5)
        ($all | Select-Object -First 5).FromJournal | Sort-Object -Unique | Should -Be $false
        $all[5] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $all[5].FullyQualifiedErrorId | Should -BeLike 'ProvTaskInvalidInput,*'
        $all[5].Exception.Message | Should -BeLike '*recorded in the journal*'
        (Get-GovernanceJournal -Path $Journal).State | Should -Be @('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Failed')
    }
}
