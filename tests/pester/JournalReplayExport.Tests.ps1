#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# A resumed run writes the outcomes an earlier run recorded again, from the journal, as objects of the results' own
# types. Exported with Export-Csv, each line must read as the first run's line did (only FromJournal differs),
# including the members that hold several values: OIG Fields, NERM ProfileIds and Attributes, ISC Policy.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule/GovernanceModule.psd1') -Force
    $script:Emulator = Start-GovernanceEmulator
    Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential
    Connect-NermTenant -Uri $Emulator.Uri -Token $Emulator.NermToken
    Connect-IscTenant -Uri $Emulator.Uri -Credential $Emulator.IscCredential
    $script:TaskIds = @(Get-ProvTask | Select-Object -First 3 | ForEach-Object { [string] $_.TaskId })
    $script:SourceId = '2c9180835d191a86015d28455b4a2329'

    # The CSV lines of $Results with the FromJournal column left out, and the FromJournal values.
    function script:ConvertTo-Lines($Results) {
        @($Results | Select-Object -Property * -ExcludeProperty FromJournal | ConvertTo-Csv -NoTypeInformation)
    }

    function script:Get-ChangeRequests([string] $Api, [string] $Method) {
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api $Api -Method $Method)
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
}

Describe 'A resumed run exports the outcomes it writes again from the journal as the first run exported them' {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        $script:Journal = Join-Path $TestDrive ('run-{0}.journal' -f [guid]::NewGuid().ToString('N'))
    }

    It '<Name>' -ForEach @(
        @{
            Name = 'OIG field updates (Fields)'; Api = 'oig'; Method = 'PUT'
            Type = 'GovernanceModule.Core.Oig.ProvTaskResult'; Members = @{ Fields = 'GovernanceModule.Core.Results.TextMap' }
            Run = { param($journal) $TaskIds | ForEach-Object { [pscustomobject]@{ TaskId = $_ } } | Set-ProvTask -Field @{ department_uid = 'Finance'; sites_uid = 'Berlin' } -JournalPath $journal -ErrorAction SilentlyContinue }
        }
        @{
            Name = 'NERM updates (ProfileIds, Attributes)'; Api = 'nerm'; Method = 'PATCH'
            Type = 'GovernanceModule.Core.Nerm.WorkflowSessionResult'
            Members = @{ ProfileIds = 'GovernanceModule.Core.Results.TextList'; Attributes = 'GovernanceModule.Core.Results.TextMap' }
            Run = {
                param($journal)
                1..3 | ForEach-Object { [pscustomobject]@{ Id = '00000000-0000-4000-8000-{0:d12}' -f $_; 'Attribute.department_uid' = "Dept $_" } } |
                    Update-WorkflowSession -ProfileIds '00000000-0000-4000-9000-000000000001', '00000000-0000-4000-9000-000000000002' -JournalPath $journal
            }
        }
        @{
            Name = 'ISC edits (Policy)'; Api = 'isc'; Method = 'PATCH'
            Type = 'GovernanceModule.Core.Isc.PolicyEditResult'; Members = @{ Policy = 'GovernanceModule.Core.Isc.StoredPolicy' }
            Run = {
                param($journal)
                'CREATE', 'UPDATE' | ForEach-Object { [pscustomobject]@{ SourceId = $SourceId; UsageType = $_ } } |
                    Edit-ProvisioningPolicy -Description 'exported' -JournalPath $journal
            }
        }
    ) {
        $first = @(& $Run $Journal)
        $first.Count | Should -BeGreaterThan 1
        $first.FromJournal | Sort-Object -Unique | Should -Be $false
        $sent = (Get-ChangeRequests $Api $Method).Count

        $again = @(& $Run $Journal)
        (Get-ChangeRequests $Api $Method).Count | Should -Be $sent -Because 'every row is written again from the journal'
        $again.FromJournal | Sort-Object -Unique | Should -Be $true
        ConvertTo-Lines $again | Should -Be (ConvertTo-Lines $first)
        foreach ($result in $again) {
            $result | Should -BeOfType $Type
            foreach ($member in $Members.Keys) {
                , $result.$member | Should -BeOfType $Members[$member]
            }
        }

        $again | Should -HaveCount $first.Count
        ($again | Format-Table | Out-String) | Should -Be ($first | Format-Table | Out-String) -Because 'a replayed result formats as the original'
        ($again | Format-List | Out-String) -replace '(FromJournal\s*:\s*)True', '${1}False' | Should -Be ($first | Format-List | Out-String)
    }

    It 'shows a replayed ISC result''s Policy by name and fields, as the first run showed it' {
        $edit = { param($journal) [pscustomobject]@{ SourceId = $SourceId; UsageType = 'UPDATE' } | Edit-ProvisioningPolicy -Description 'shown' -JournalPath $journal }
        $first = & $edit $Journal
        $again = & $edit $Journal
        $again.FromJournal | Should -BeTrue
        $line = { param($result) ($result | Format-List | Out-String) -split "`n" | Where-Object { $_ -match '^Policy\s*:' } }
        & $line $again | Should -Be (& $line $first)
        & $line $again | Should -Match 'Account update \(fields: mail, displayName\)'
    }

    It 'ends a resumed run with GovernanceJournalDamaged at a recorded result that is not one of the module''s results, sending nothing' {
        $run = { param($journal) $TaskIds | ForEach-Object { [pscustomobject]@{ TaskId = $_ } } | Set-ProvTask -Note 'damaged' -JournalPath $journal }
        $first = @(& $run $Journal)
        $first.Count | Should -Be $TaskIds.Count
        $sent = (Get-ChangeRequests 'oig' 'PUT').Count
        $text = [IO.File]::ReadAllText($Journal)
        [IO.File]::WriteAllText($Journal, $text.Replace('GovernanceModule.Core.Oig.ProvTaskResult', 'System.IO.FileInfo'))

        { & $run $Journal 3>$null } | Should -Throw -ErrorId 'GovernanceJournalDamaged,*'
        (Get-ChangeRequests 'oig' 'PUT').Count | Should -Be $sent
        @(Get-GovernanceJournal -Path $Journal).State | Sort-Object -Unique | Should -Be 'Succeeded' -Because 'listing a journal reads no result'
    }

    It 'journals and resumes input objects whose values are not text (numbers, lists)' {
        $rows = @($TaskIds | ForEach-Object { [pscustomobject]@{ TaskId = [long] $_; Tags = @('a', 1) } })
        $first = @($rows | Set-ProvTask -Note 'typed' -JournalPath $Journal)
        $first.Count | Should -Be $rows.Count
        $again = @($rows | Set-ProvTask -Note 'typed' -JournalPath $Journal)
        $again.FromJournal | Sort-Object -Unique | Should -Be $true
        $changed = @($rows | Select-Object -First 2) + @([pscustomobject]@{ TaskId = [long] $TaskIds[2]; Tags = @('a', 2) })
        { $changed | Set-ProvTask -Note 'typed' -JournalPath $Journal -ErrorAction Stop } | Should -Throw -ErrorId 'GovernanceJournalDifferentInput,*'
    }
}
