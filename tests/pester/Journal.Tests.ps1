#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# -JournalPath: a run killed with Stop-Process -Force (no chance to clean up) at several points, then resumed with the
# same input and journal. What the server received is read from the emulator's request journal: a change that is not
# idempotent must never be processed twice, and the second run must write exactly one outcome per row.

BeforeAll {
    $script:ModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../../out/GovernanceModule/GovernanceModule.psd1')).Path
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module $ModulePath -Force
    $script:Emulator = Start-GovernanceEmulator -ArgumentList '--Emulator:OigGeneratedTasks', '400'
    $script:SourceId = '2c9180835d191a86015d28455b4a2329'
    $script:Pwsh = Join-Path $PSHOME 'pwsh'
    if (-not (Test-Path $Pwsh)) { $script:Pwsh = (Get-Process -Id $PID).Path }

    function script:Connect-All {
        Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential
        Connect-NermTenant -Uri $Emulator.Uri -Token $Emulator.NermToken
        Connect-IscTenant -Uri $Emulator.Uri -Credential $Emulator.IscCredential
    }
    Connect-All
    $script:TaskIds = @(Get-ProvTask | ForEach-Object TaskId)

    # The command of each API, as a child and this process run it: rows come from $csv, results go to $out.
    $script:Apis = @{
        Oig  = @{ Command = 'Invoke-ProvTaskRetry -BatchSize 10 -ThrottleLimit 1'; Api = 'oig'; Method = 'PUT'; Key = 'TaskId' }
        OigNote = @{ Command = "Set-ProvTask -Note 'journaled' -BatchSize 10 -ThrottleLimit 1"; Api = 'oig'; Method = 'PUT'; Key = 'TaskId' }
        Nerm = @{ Command = 'Update-WorkflowSession -Run -ThrottleLimit 1'; Api = 'nerm'; Method = 'PATCH'; Key = 'Id' }
        Isc  = @{ Command = "Edit-ProvisioningPolicy -Description 'journaled'"; Api = 'isc'; Method = 'PATCH'; Key = 'Key' }
    }

    function script:New-Rows([string] $Api, [int] $Count) {
        switch -Wildcard ($Api) {
            'Oig*' { $TaskIds | Select-Object -First $Count | ForEach-Object { [pscustomobject]@{ TaskId = [string] $_ } } }
            'Nerm' { 1..$Count | ForEach-Object { [pscustomobject]@{ Id = '00000000-0000-4000-8000-{0:d12}' -f $_ } } }
            'Isc' {
                @(
                    [pscustomobject]@{ SourceId = $SourceId; UsageType = 'CREATE' }
                    [pscustomobject]@{ SourceId = $SourceId; UsageType = 'UPDATE' }
                    [pscustomobject]@{ SourceId = $SourceId; UsageType = 'DISABLE' }
                    [pscustomobject]@{ SourceId = '2c91808568c529c60168cca6f90c1313'; UsageType = 'CREATE' }
                ) | Select-Object -First $Count
            }
        }
    }

    # The row's key, as results, errors and requests name it.
    function script:Get-RowKey($Row) {
        if ($Row -is [string]) { return $Row }
        if ($Row.PSObject.Properties['UsageType'] -and $Row.PSObject.Properties['SourceId']) { return "$($Row.SourceId)/$($Row.UsageType)" }
        if ($Row.PSObject.Properties['TaskId']) { return [string] $Row.TaskId }
        return [string] $Row.Id
    }

    # For each row key, how many change requests naming it the server processed (answered, or dropped after
    # processing), and how many reached it at all.
    function script:Get-Processed([hashtable] $Case, [string[]] $Keys) {
        $requests = @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api $Case.Api -Method $Case.Method)
        $counts = @{}
        foreach ($key in $Keys) { $counts[$key] = [pscustomobject]@{ Processed = 0; Reached = 0 } }
        foreach ($request in $requests) {
            foreach ($key in $Keys) {
                $names = switch ($Case.Api) {
                    'oig' { $request.Body -match ('"(id|taskId)":"' + $key + '"') }
                    'nerm' { $request.Path -like "*/$key" }
                    'isc' { $request.Path -like ('*/sources/' + $key.Split('/')[0] + '/provisioning-policies/' + $key.Split('/')[1]) }
                }
                if (-not $names) { continue }
                $counts[$key].Reached++
                if ($request.Outcome -in 'answered', 'dropped-after-processing' -and $request.Status -ne 401) { $counts[$key].Processed++ }
            }
        }
        $counts
    }

    # Starts a child pwsh that runs $Command on the rows of $Csv with -JournalPath $Journal, reading one row every
    # $RowDelayMs and ticking $Marker for each row read.
    function script:Start-Child([string] $Command, [string] $Csv, [string] $Journal, [string] $Marker, [int] $RowDelayMs = 0) {
        $script = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$ModulePath'
`$oig = [pscredential]::new('$($Emulator.OigCredential.UserName)', (ConvertTo-SecureString '$($Emulator.OigCredential.GetNetworkCredential().Password)' -AsPlainText -Force))
Connect-OigServer -Uri '$($Emulator.Uri)' -Credential `$oig
Connect-NermTenant -Uri '$($Emulator.Uri)' -Token (ConvertTo-SecureString '$([pscredential]::new('x', $Emulator.NermToken).GetNetworkCredential().Password)' -AsPlainText -Force)
`$isc = [pscredential]::new('$($Emulator.IscCredential.UserName)', (ConvertTo-SecureString '$($Emulator.IscCredential.GetNetworkCredential().Password)' -AsPlainText -Force))
Connect-IscTenant -Uri '$($Emulator.Uri)' -Credential `$isc
Import-Csv '$Csv' | ForEach-Object { [IO.File]::AppendAllText('$Marker', 'x'); if ($RowDelayMs -gt 0) { Start-Sleep -Milliseconds $RowDelayMs }; `$_ } |
    $Command -JournalPath '$Journal' -ErrorAction SilentlyContinue | Out-Null
"@
        $file = Join-Path $TestDrive ('child-{0}.ps1' -f [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $file -Value $script
        Set-Content -LiteralPath $Marker -Value '' -NoNewline
        Start-Process -FilePath $Pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', $file) -PassThru
    }

    function script:Wait-Until([scriptblock] $Condition, [int] $TimeoutSec = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out waiting for: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }

    function script:Get-Answered([hashtable] $Case) {
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api $Case.Api -Method $Case.Method | Where-Object Status -ne 0).Count
    }

    # Runs $Script with $Arguments in a runspace of its own, stops it after $Seconds as Ctrl+C does, and returns the
    # $GovernanceStopReport the stop left there.
    function script:Stop-InRunspace([scriptblock] $Script, [object[]] $Arguments, [int] $Seconds = 4) {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddScript($Script)
            foreach ($argument in $Arguments) { $null = $ps.AddArgument($argument) }
            $null = $ps.BeginInvoke()
            Start-Sleep -Seconds $Seconds
            $ps.Stop()
            $runspace.SessionStateProxy.GetVariable('GovernanceStopReport')
        }
        finally {
            $ps.Dispose()
            $runspace.Dispose()
        }
    }

    # Runs the case's command in this process on the same rows and journal; returns results and errors.
    function script:Invoke-Resume([hashtable] $Case, [object[]] $Rows, [string] $Journal) {
        $errs = $null
        $results = @(Invoke-Expression "`$Rows | $($Case.Command) -JournalPath `$Journal -ErrorVariable +errs -ErrorAction SilentlyContinue")
        [pscustomobject]@{ Results = $results; Errors = @($errs) }
    }

    # Exactly one outcome per row: every row has one result, or no result and one error; no result twice.
    function script:Assert-OneOutcomePerRow([object[]] $Rows, $Run) {
        $resultKeys = @($Run.Results | ForEach-Object {
            if ($_.PSObject.Properties['UsageType']) { "$($_.SourceId)/$($_.UsageType)" } elseif ($_.PSObject.Properties['TaskId']) { [string] $_.TaskId } else { [string] $_.Id }
        })
        $resultKeys | Group-Object | Where-Object Count -gt 1 | ForEach-Object Name | Should -BeNullOrEmpty -Because 'no row has two results'
        $errorKeys = @($Run.Errors | ForEach-Object { Get-RowKey $_.TargetObject })
        foreach ($row in $Rows) {
            $key = Get-RowKey $row
            $outcomes = @($resultKeys | Where-Object { $_ -eq $key }).Count
            if ($outcomes -eq 0) { $outcomes = @($errorKeys | Where-Object { $_ -eq $key }).Count }
            $outcomes | Should -Be 1 -Because "row $key has exactly one outcome"
        }
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
}

Describe 'A journaled run killed with Stop-Process -Force, then resumed' {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        $script:Journal = Join-Path $TestDrive ('run-{0}.journal' -f [guid]::NewGuid().ToString('N'))
        $script:Csv = Join-Path $TestDrive ('rows-{0}.csv' -f [guid]::NewGuid().ToString('N'))
        $script:Marker = $Journal + '.marker'
    }

    It '<Name>: killed <When>; the resume writes one outcome per row and nothing non-idempotent is processed twice' -ForEach @(
        @{ Name = 'Oig'; When = 'before the first flush'; Rows = 40; RowDelayMs = 100; LatencyMs = 0; KillWhen = 'read' }
        @{ Name = 'Oig'; When = 'between the send and the answer'; Rows = 40; RowDelayMs = 0; LatencyMs = 4000; KillWhen = 'sent' }
        @{ Name = 'Oig'; When = 'while writing outcomes'; Rows = 200; RowDelayMs = 0; LatencyMs = 150; KillWhen = 'answered' }
        @{ Name = 'OigNote'; When = 'between the send and the answer'; Rows = 40; RowDelayMs = 0; LatencyMs = 4000; KillWhen = 'sent' }
        @{ Name = 'Nerm'; When = 'before the first flush'; Rows = 12; RowDelayMs = 1500; LatencyMs = 0; KillWhen = 'read' }
        @{ Name = 'Nerm'; When = 'between the send and the answer'; Rows = 12; RowDelayMs = 0; LatencyMs = 4000; KillWhen = 'sent' }
        @{ Name = 'Nerm'; When = 'while writing outcomes'; Rows = 60; RowDelayMs = 0; LatencyMs = 150; KillWhen = 'answered' }
        @{ Name = 'Isc'; When = 'between the send and the answer'; Rows = 4; RowDelayMs = 0; LatencyMs = 4000; KillWhen = 'sent' }
        @{ Name = 'Isc'; When = 'while writing outcomes'; Rows = 4; RowDelayMs = 0; LatencyMs = 1000; KillWhen = 'answered' }
    ) {
        $case = $Apis[$Name]
        $rows = @(New-Rows $Name $Rows)
        $rows | Export-Csv -LiteralPath $Csv -NoTypeInformation
        if ($LatencyMs -gt 0) {
            Set-GovernanceEmulatorFault -Emulator $Emulator -Api $case.Api -Method $case.Method -LatencyMs $LatencyMs | Out-Null
        }

        $child = Start-Child -Command $case.Command -Csv $Csv -Journal $Journal -Marker $Marker -RowDelayMs $RowDelayMs
        try {
            switch ($KillWhen) {
                # Rows are being read, and no request has gone out: the reads are not flushed yet.
                'read' { $threshold = $(if ($Name -eq 'Nerm') { 1 } else { 3 }); Wait-Until { (Get-Item -LiteralPath $Marker).Length -ge $threshold } }
                # The first request is with the server (held by the latency), none answered.
                'sent' { $threshold = @{ Isc = 1; Nerm = 2 }[$Name]; if (-not $threshold) { $threshold = 10 }; Wait-Until { (Get-Item -LiteralPath $Marker).Length -ge $threshold }; Start-Sleep -Milliseconds 1500 }
                # Outcomes are being written.
                # Outcomes are being written: the server answered two requests; give the child a moment to record them.
                'answered' { Wait-Until { (Get-Answered $case) -ge 2 }; Start-Sleep -Milliseconds 300 }
            }
            $answeredAtKill = Get-Answered $case
        }
        finally {
            Stop-Process -Id $child.Id -Force
            $child.WaitForExit()
        }
        if ($KillWhen -eq 'read') { $answeredAtKill | Should -Be 0 }
        if ($KillWhen -eq 'sent') { $answeredAtKill | Should -Be 0 }
        $leftBehind = @(Get-GovernanceJournal -Path $Journal)
        Clear-GovernanceEmulatorFault -Emulator $Emulator
        # Write-ahead: a row whose request reached the server is in the journal as sent (or with its outcome).
        Start-Sleep -Milliseconds 500
        $keys = @($rows | ForEach-Object { Get-RowKey $_ })
        $reached = Get-Processed $case $keys
        foreach ($key in $keys) {
            if ($reached[$key].Reached -eq 0) { continue }
            $entry = $leftBehind | Where-Object { (Get-RowKey $_.Input) -eq $key }
            $entry | Should -Not -BeNullOrEmpty -Because "row $key reached the server, so the journal had it first"
            $entry.State | Should -Not -Be 'NotSent' -Because "row $key reached the server, so the journal recorded it as sent first"
        }

        $run = Invoke-Resume $case $rows $Journal
        Assert-OneOutcomePerRow $rows $run

        $counts = Get-Processed $case $keys
        $crashWindow = @($leftBehind | Where-Object State -eq Sent | ForEach-Object { Get-RowKey $_.Input })
        foreach ($key in $keys) {
            $counts[$key].Processed | Should -BeLessOrEqual 1 -Because "row $key is applied at most once across both runs"
            if ($counts[$key].Reached -gt 1) { $crashWindow | Should -Contain $key -Because "only a row in the crash window is sent twice (row $key)" }
        }
        $unknown = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like '*OutcomeUnknown*' })
        foreach ($error in $unknown) { $crashWindow | Should -Contain (Get-RowKey $error.TargetObject) }
        $states = @(Get-GovernanceJournal -Path $Journal | ForEach-Object State)
        $states.Count | Should -Be $rows.Count
        $states | Where-Object { $_ -in 'NotSent', 'Sent' } | Should -BeNullOrEmpty -Because 'the resume leaves no row unsettled'
        # A row the killed run finished is written again from the journal; no other row is. When the kill came before
        # the child recorded any answer (the server answered, the child had not written it yet), none is.
        $finishedAtKill = @($leftBehind | Where-Object State -in 'Succeeded', 'Failed').Count
        $replayed = @($run.Results | Where-Object FromJournal).Count
        $replayed | Should -BeLessOrEqual $finishedAtKill
        if ($KillWhen -eq 'answered' -and $finishedAtKill -gt 0) { $replayed | Should -BeGreaterThan 0 }
    }
}

Describe 'Resuming a journal' {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        $script:Journal = Join-Path $TestDrive ('run-{0}.journal' -f [guid]::NewGuid().ToString('N'))
        $script:Rows = @(New-Rows 'Oig' 30)
    }

    It 'writes a finished run again from the journal, sends nothing, and marks every result FromJournal' {
        $first = @($Rows | Set-ProvTask -Note 'once' -JournalPath $Journal)
        $puts = @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT).Count
        $second = @($Rows | Set-ProvTask -Note 'once' -JournalPath $Journal)
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT).Count | Should -Be $puts
        $first.FromJournal | Sort-Object -Unique | Should -Be $false
        $second.FromJournal | Sort-Object -Unique | Should -Be $true
        $second.TaskId | Should -Be $first.TaskId
        ($second | ConvertTo-Csv -NoTypeInformation | Select-Object -Skip 1).Count | Should -Be 30
        $second[0].PSObject.TypeNames[0] | Should -Be 'GovernanceModule.Core.Oig.ProvTaskResult'
    }

    It 'writes a recorded result and a recorded error again as the first run wrote them' {
        $rows = @(@($Rows | Select-Object -First 2) + [pscustomobject]@{ TaskId = '999999999' })
        $first = @($rows | Set-ProvTask -Note 'once' -JournalPath $Journal -ErrorVariable firstErrors -ErrorAction SilentlyContinue)
        $second = @($rows | Set-ProvTask -Note 'once' -JournalPath $Journal -ErrorVariable secondErrors -ErrorAction SilentlyContinue)
        $second.Count | Should -Be $first.Count
        $replayed = $second[0]
        $replayed.GetType().FullName | Should -Be 'GovernanceModule.Core.Oig.ProvTaskResult'
        $replayed.PSObject.Properties.Name | Should -Be $first[0].PSObject.Properties.Name
        foreach ($name in 'Row', 'TaskId', 'Action', 'Note', 'Status', 'Succeeded', 'Uri') { $replayed.$name | Should -Be $first[0].$name -Because $name }
        $replayed.Action | Should -BeOfType 'GovernanceModule.Core.Oig.ProvTaskAction'
        $replayed.RequestId | Should -BeNullOrEmpty
        , $replayed.Fields | Should -BeOfType 'GovernanceModule.Core.Results.TextMap'
        $replayed.FromJournal | Should -BeTrue

        $firstErrors.Count | Should -Be 1
        $secondErrors.Count | Should -Be 1
        $secondErrors[0].FullyQualifiedErrorId | Should -Be $firstErrors[0].FullyQualifiedErrorId
        $secondErrors[0].CategoryInfo.Category | Should -Be $firstErrors[0].CategoryInfo.Category
        $secondErrors[0].TargetObject | Should -Be $rows[2]
        $secondErrors[0].Exception.Message | Should -BeLike "$($firstErrors[0].Exception.Message) (recorded in the journal *)"
    }

    It 'writes no journal under -WhatIf' {
        $null = $Rows | Set-ProvTask -Note 'what if' -JournalPath $Journal -WhatIf
        Test-Path -LiteralPath $Journal | Should -BeFalse
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT).Count | Should -Be 0
    }

    It 'ignores a torn last line' {
        $null = $Rows | Select-Object -First 20 | Set-ProvTask -Note 'journaled' -BatchSize 10 -ThrottleLimit 1 -JournalPath $Journal
        [IO.File]::AppendAllText($Journal, '{"type":"outcome","row":21,"sta')
        $run = Invoke-Resume $Apis.OigNote $Rows $Journal
        $run.Errors | Should -BeNullOrEmpty
        Assert-OneOutcomePerRow $Rows $run
        @($run.Results | Where-Object FromJournal).Count | Should -Be 20
    }

    It 'stops before anything is sent when a row differs, naming the row and the difference' {
        $null = $Rows | Set-ProvTask -Note 'same' -JournalPath $Journal -BatchSize 10
        Reset-GovernanceEmulator -Emulator $Emulator
        $changed = @($Rows | ForEach-Object { $_.PSObject.Copy() }) + @(New-Rows 'Oig' 40 | Select-Object -Skip 30)
        $was = $changed[24].TaskId
        $changed[24].TaskId = '999999'
        { $changed | Set-ProvTask -Note 'same' -JournalPath $Journal -ErrorAction Stop } | Should -Throw -ErrorId 'GovernanceJournalDifferentInput,*' -ExpectedMessage "Row 25: *TaskId was '$was' in the journal and is '999999' now*new -JournalPath*"
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT).Count | Should -Be 0
    }

    It 'stops before anything is sent for another command, parameter or server' {
        $null = $Rows | Set-ProvTask -Note 'first' -JournalPath $Journal
        Reset-GovernanceEmulator -Emulator $Emulator
        { $Rows | Invoke-ProvTaskRetry -JournalPath $Journal -ErrorAction Stop } | Should -Throw -ErrorId 'GovernanceJournalDifferentRun,*' -ExpectedMessage '*written by Set-ProvTask, not Invoke-ProvTaskRetry*'
        { $Rows | Set-ProvTask -Note 'second' -JournalPath $Journal -ErrorAction Stop } | Should -Throw -ErrorId 'GovernanceJournalDifferentRun,*' -ExpectedMessage '*-Note first, this run has -Note second*'
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT).Count | Should -Be 0
    }

    It 'refuses a second process on the same journal, which stays whole' {
        $csv = Join-Path $TestDrive 'second.csv'
        $Rows | Export-Csv -LiteralPath $csv -NoTypeInformation
        Set-GovernanceEmulatorFault -Emulator $Emulator -Api oig -Method PUT -LatencyMs 5000 | Out-Null
        $marker = $Journal + '.marker'
        $child = Start-Child -Command $Apis.OigNote.Command -Csv $csv -Journal $Journal -Marker $marker
        try {
            Wait-Until { (Get-Item -LiteralPath $marker).Length -ge 10 }
            Start-Sleep -Milliseconds 500
            { $Rows | Set-ProvTask -Note 'journaled' -BatchSize 10 -ThrottleLimit 1 -JournalPath $Journal -ErrorAction Stop } |
                Should -Throw -ErrorId 'GovernanceJournalInUse,*' -ExpectedMessage '*in use by another command or process*'
        }
        finally {
            Clear-GovernanceEmulatorFault -Emulator $Emulator
            $child.WaitForExit(60000) | Out-Null
        }
        $child.ExitCode | Should -Be 0
        (Get-GovernanceJournal -Path $Journal | Group-Object State).Name | Should -Be 'Succeeded'
    }

    It 'resumes a run stopped with Ctrl+C, and the journal agrees with $GovernanceStopReport' {
        Set-GovernanceEmulatorFault -Emulator $Emulator -Api oig -Method PUT -LatencyMs 30000 -Count 1 | Out-Null
        $report = Stop-InRunspace -Arguments $ModulePath, $Emulator.Uri, $Emulator.OigCredential, $Rows, $Journal -Script {
            param($ModulePath, $Uri, $Credential, $Rows, $Journal)
            Import-Module $ModulePath
            Connect-OigServer -Uri $Uri -Credential $Credential
            $Rows | Set-ProvTask -Note 'journaled' -BatchSize 10 -ThrottleLimit 1 -JournalPath $Journal
        }
        Clear-GovernanceEmulatorFault -Emulator $Emulator
        $report.Unaccounted | Should -Be 0
        $entries = @(Get-GovernanceJournal -Path $Journal)
        foreach ($stopped in $report.Inputs) {
            $row = [int]($stopped.Name -replace '^Row (\d+):.*', '$1')
            $expected = @{ NotSent = 'NotSent'; OutcomeUnknown = 'OutcomeUnknown'; AnsweredNotWritten = 'Succeeded' }[[string] $stopped.Fate]
            $entries[$row - 1].State | Should -Be $expected -Because "the journal agrees with the stop account for row $row"
        }
        @($entries | Where-Object State -eq OutcomeUnknown).Count | Should -Be $report.OutcomeUnknown

        $run = Invoke-Resume $Apis.OigNote $Rows $Journal
        Assert-OneOutcomePerRow $Rows $run
    }
}

# The crash window made exactly: a journaled run whose outcome lines are then cut for some rows is what a kill between
# the flush of "sent" and the answer leaves. The server is then set to each state the earlier request may have left
# (applied, not applied, changed by someone else since) and the run resumed; requests are counted from that point.
Describe 'Resuming rows an earlier run sent without learning the outcome' {
    BeforeAll {
        # Cuts the outcome lines of $Row, the journal's last rows (outcomes are written in input order); each must have
        # been recorded as sent and have had its one outcome.
        function script:Remove-Outcome([string] $Journal, [int[]] $Row) {
            $records = @(Get-Content -LiteralPath $Journal | ForEach-Object { [pscustomobject]@{ Line = $_; Record = $_ | ConvertFrom-Json } })
            $last = @($records | Where-Object { $_.Record.type -eq 'read' }).Count
            $Row | Should -Be @(($last - $Row.Count + 1)..$last) -Because 'a kill leaves the last rows without outcomes'
            foreach ($number in $Row) {
                @($records | Where-Object { $_.Record.type -eq 'sent' -and $_.Record.rows -contains $number }).Count | Should -Be 1 -Because "row $number was sent"
                @($records | Where-Object { $_.Record.type -eq 'outcome' -and $_.Record.row -eq $number }).Count | Should -Be 1 -Because "row $number had its outcome"
            }
            $kept = $records | Where-Object { -not ($_.Record.type -eq 'outcome' -and $_.Record.row -in $Row) } | ForEach-Object Line
            Set-Content -LiteralPath $Journal -Value $kept
        }

        # Runs $Case's command on $Rows with the journal, then leaves rows $Unfinished as a kill in the crash window does;
        # -NotApplied resets the server, as if none of those requests had reached it.
        function script:New-CrashedJournal([hashtable] $Case, [object[]] $Rows, [int[]] $Unfinished, [switch] $NotApplied) {
            $null = Invoke-Resume $Case $Rows $Journal
            Remove-Outcome $Journal $Unfinished
            if ($NotApplied) { Reset-GovernanceEmulator -Emulator $Emulator }
        }

        function script:Get-LastSequence {
            [long] (@(Get-GovernanceEmulatorRequest -Emulator $Emulator) | Measure-Object -Property Sequence -Maximum).Maximum
        }

        # The requests made since $Since to one session or policy, as "GET" and "PATCH".
        function script:Get-RequestsTo([long] $Since, [string] $Path) {
            @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Path $Path | Where-Object Sequence -gt $Since | ForEach-Object Method)
        }

        function script:Get-SessionPath([string] $Id) { "/api/workflow_sessions/$Id" }
        function script:Get-PolicyPath($Row) { "/v3/sources/$($Row.SourceId)/provisioning-policies/$($Row.UsageType)" }
        function script:Get-StoredSession([string] $Id) { Invoke-RestMethod "$($Emulator.Uri)/_emulator/nerm/sessions/$Id" }
        function script:Get-StoredPolicy($Row) { Invoke-RestMethod "$($Emulator.Uri)/_emulator/isc/policies/$($Row.SourceId)/$($Row.UsageType)" }

        # Someone else changes the policy's description behind the module's back.
        function script:Set-StoredDescription($Row, [string] $Description) {
            $policy = Get-StoredPolicy $Row
            $policy | Add-Member -NotePropertyName description -NotePropertyValue $Description -Force
            Invoke-RestMethod -Method Put "$($Emulator.Uri)/_emulator/isc/policies/$($Row.SourceId)/$($Row.UsageType)" -Body ($policy | ConvertTo-Json -Depth 10) -ContentType 'application/json' | Out-Null
        }

        function script:Get-ResultOf($Run, $Row) { @($Run.Results | Where-Object { (Get-RowKey $_) -eq (Get-RowKey $Row) }) }
        function script:Get-ErrorOf($Run, $Row) { @($Run.Errors | Where-Object { (Get-RowKey $_.TargetObject) -eq (Get-RowKey $Row) }) }
        function script:Get-States([string] $Journal) { @(Get-GovernanceJournal -Path $Journal | ForEach-Object { [string] $_.State }) }

        function script:Set-NermRunStatus([string] $Status) {
            $value = if ($Status) { "`"$Status`"" } else { 'null' }
            Invoke-RestMethod -Method Patch -Uri "$($Emulator.Uri)/_emulator/options" -Body "{`"nerm`":{`"runSetsStatus`":$value}}" -ContentType 'application/json' | Out-Null
        }
    }

    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        $script:Journal = Join-Path $TestDrive ('window-{0}.journal' -f [guid]::NewGuid().ToString('N'))
    }

    Context 'NERM' {
        BeforeAll {
            function script:New-SessionRows([int] $Count, [string] $Department) {
                1..$Count | ForEach-Object { [pscustomobject]@{ Id = '00000000-0000-4000-8000-{0:d12}' -f $_; 'Attribute.department_uid' = $Department } }
            }
        }

        It '-Run: a session holding the values gets OutcomeUnknown and no second run; one lacking them is read and sent once' {
            $case = @{ Command = 'Update-WorkflowSession -Run -ThrottleLimit 1' }
            $rows = @(New-SessionRows 4 'resumed')
            # Row 2's request applied and ran; row 3's never arrived; row 4's never arrived and someone else changed the session.
            New-CrashedJournal $case $rows -Unfinished 2, 3, 4 -NotApplied
            $null = Update-WorkflowSession -Id $rows[1].Id -Attribute @{ department_uid = 'resumed' } -Run
            $null = Update-WorkflowSession -Id $rows[3].Id -Attribute @{ department_uid = 'someone else' }
            $since = Get-LastSequence

            $run = Invoke-Resume $case $rows $Journal

            Assert-OneOutcomePerRow $rows $run
            (Get-ResultOf $run $rows[0]).FromJournal | Should -Be $true
            Get-RequestsTo $since (Get-SessionPath $rows[0].Id) | Should -BeNullOrEmpty -Because 'a row with its outcome recorded is neither read nor sent'

            Get-ResultOf $run $rows[1] | Should -BeNullOrEmpty
            $unknown = Get-ErrorOf $run $rows[1]
            $unknown.Count | Should -Be 1
            $unknown[0].FullyQualifiedErrorId | Should -BeLike 'WorkflowSessionOutcomeUnknown,*'
            $unknown[0].Exception.Message | Should -BeLike 'Row 2: *not sent again*'
            Get-RequestsTo $since (Get-SessionPath $rows[1].Id) | Should -Be @('GET') -Because 'the session was read and holds the values: whether it ran cannot be told, so it is not sent'
            (Get-StoredSession $rows[1].Id).runs | Should -Be 1

            foreach ($row in $rows[2], $rows[3]) {
                $result = Get-ResultOf $run $row
                $result.Count | Should -Be 1
                $result[0].FromJournal | Should -Be $false
                $result[0].Attributes['department_uid'] | Should -Be 'resumed'
                Get-RequestsTo $since (Get-SessionPath $row.Id) | Should -Be @('GET', 'PATCH') -Because 'the session lacks the values, so the update did not apply'
                (Get-StoredSession $row.Id).runs | Should -Be 1
            }
            Get-States $Journal | Should -Be @('Succeeded', 'OutcomeUnknown', 'Succeeded', 'Succeeded')

            # Resumed again: nothing is sent, and the unknown row stays unknown.
            $since = Get-LastSequence
            $again = Invoke-Resume $case $rows $Journal
            Assert-OneOutcomePerRow $rows $again
            @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api nerm -Method PATCH | Where-Object Sequence -gt $since) | Should -BeNullOrEmpty
            @($again.Results | Where-Object FromJournal).Count | Should -Be 3
            (Get-ErrorOf $again $rows[1])[0].FullyQualifiedErrorId | Should -BeLike 'WorkflowSessionOutcomeUnknown,*'
        }

        It '-Run with a Status: a run may move the status, so a session whose status differs is not taken as not updated' {
            # This tenant's runs move a session to completed: the earlier update to approved applied and ran.
            Set-NermRunStatus 'completed'
            try {
                $case = @{ Command = 'Update-WorkflowSession -Status approved -Run -ThrottleLimit 1' }
                $rows = @(New-SessionRows 2 $null | Select-Object Id)
                New-CrashedJournal $case $rows -Unfinished 1, 2
                $since = Get-LastSequence

                $run = Invoke-Resume $case $rows $Journal
            }
            finally {
                Set-NermRunStatus $null
            }

            Assert-OneOutcomePerRow $rows $run
            foreach ($row in $rows) {
                Get-RequestsTo $since (Get-SessionPath $row.Id) | Should -Be @('GET')
                (Get-StoredSession $row.Id).runs | Should -Be 1 -Because 'the session ran once'
                Get-ResultOf $run $row | Should -BeNullOrEmpty
                (Get-ErrorOf $run $row)[0].FullyQualifiedErrorId | Should -BeLike 'WorkflowSessionOutcomeUnknown,*'
            }
        }

        It '-Run: a session that cannot be read gets OutcomeUnknown, and the resume goes on with the other rows' {
            $case = @{ Command = 'Update-WorkflowSession -Run -ThrottleLimit 1' }
            $rows = @(New-SessionRows 3 'resumed')
            New-CrashedJournal $case $rows -Unfinished 2, 3 -NotApplied
            Set-GovernanceEmulatorFault -Emulator $Emulator -Api nerm -Method GET -PathPrefix (Get-SessionPath $rows[1].Id) -StatusCode 404 | Out-Null
            $since = Get-LastSequence

            $run = Invoke-Resume $case $rows $Journal

            Assert-OneOutcomePerRow $rows $run
            (Get-ErrorOf $run $rows[1])[0].FullyQualifiedErrorId | Should -BeLike 'WorkflowSessionOutcomeUnknown,*'
            Get-RequestsTo $since (Get-SessionPath $rows[1].Id) | Should -Be @('GET')
            (Get-ResultOf $run $rows[2])[0].FromJournal | Should -Be $false
            Get-RequestsTo $since (Get-SessionPath $rows[2].Id) | Should -Be @('GET', 'PATCH')
            Get-States $Journal | Should -Be @('Succeeded', 'OutcomeUnknown', 'Succeeded')
        }

        It '-Run: a refused API key while the session is read ends the run with NermAuthenticationFailed; the rows stay sent, to be checked next time' {
            $case = @{ Command = 'Update-WorkflowSession -Run -ThrottleLimit 1' }
            $rows = @(New-SessionRows 3 'resumed')
            New-CrashedJournal $case $rows -Unfinished 2, 3 -NotApplied
            Set-GovernanceEmulatorFault -Emulator $Emulator -Api nerm -Method GET -PathPrefix (Get-SessionPath $rows[1].Id) -StatusCode 401 | Out-Null

            { Invoke-Resume $case $rows $Journal 3>$null } | Should -Throw -ErrorId 'NermAuthenticationFailed,*'

            @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api nerm -Method PATCH) | Should -BeNullOrEmpty
            Get-States $Journal | Should -Be @('Succeeded', 'Sent', 'Sent')
        }

        It 'without -Run: the update is idempotent and is sent again unread, whether or not the session holds the values' {
            $case = @{ Command = 'Update-WorkflowSession -ThrottleLimit 1' }
            $rows = @(New-SessionRows 2 'resumed')
            # Row 1's update applied, row 2's did not.
            New-CrashedJournal $case $rows -Unfinished 1, 2 -NotApplied
            $null = Update-WorkflowSession -Id $rows[0].Id -Attribute @{ department_uid = 'resumed' }
            $since = Get-LastSequence

            $run = Invoke-Resume $case $rows $Journal

            Assert-OneOutcomePerRow $rows $run
            $run.Errors | Should -BeNullOrEmpty
            foreach ($row in $rows) {
                (Get-ResultOf $run $row)[0].FromJournal | Should -Be $false
                (Get-ResultOf $run $row)[0].Attributes['department_uid'] | Should -Be 'resumed'
                Get-RequestsTo $since (Get-SessionPath $row.Id) | Should -Be @('PATCH')
            }
        }
    }

    Context 'ISC' {
        It 'named changes (a guarded patch): re-planned against the policy, which is already as asked, as before, or changed by someone else' {
            $case = $Apis.Isc
            $rows = @(New-Rows 'Isc' 4)
            $seeded = @($rows | ForEach-Object { (Get-StoredPolicy $_).description })
            # Row 2's patch applied; row 3's did not, and someone else changed the description since; row 4's did not.
            New-CrashedJournal $case $rows -Unfinished 2, 3, 4 -NotApplied
            $null = Edit-ProvisioningPolicy -SourceId $rows[1].SourceId -UsageType $rows[1].UsageType -Description 'journaled'
            Set-StoredDescription $rows[2] 'someone else'
            $since = Get-LastSequence

            $run = Invoke-Resume $case $rows $Journal

            Assert-OneOutcomePerRow $rows $run
            $run.Errors | Should -BeNullOrEmpty
            (Get-ResultOf $run $rows[0])[0].FromJournal | Should -Be $true
            Get-RequestsTo $since (Get-PolicyPath $rows[0]) | Should -BeNullOrEmpty

            $applied = (Get-ResultOf $run $rows[1])[0]
            $applied.Status | Should -Be 'Unchanged'
            $applied.Reason | Should -BeLike '*already is as asked*'
            $applied.FromJournal | Should -Be $false
            Get-RequestsTo $since (Get-PolicyPath $rows[1]) | Should -Be @('GET') -Because 'a policy already as the patch makes it took the earlier patch'

            foreach ($expected in @{ Row = $rows[2]; Guard = 'someone else' }, @{ Row = $rows[3]; Guard = $seeded[3] }) {
                $result = (Get-ResultOf $run $expected.Row)[0]
                $result.Status | Should -Be 'Updated'
                $result.FromJournal | Should -Be $false
                Get-RequestsTo $since (Get-PolicyPath $expected.Row) | Should -Be @('GET', 'PATCH')
                $patch = @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api isc -Method PATCH -Path (Get-PolicyPath $expected.Row) | Where-Object Sequence -gt $since)[0].Body | ConvertFrom-Json
                $patch[0].op | Should -Be 'test' -Because 'the patch is guarded by what the resume read'
                $patch[0].value | Should -Be $expected.Guard
                (Get-StoredPolicy $expected.Row).description | Should -Be 'journaled'
            }
            Get-States $Journal | Should -Be @('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded')
        }

        It 'Ctrl+C while a row sent without an answer is read again: the stop account has it as sent with an unknown outcome, as the journal does' {
            $case = $Apis.Isc
            $rows = @(New-Rows 'Isc' 2)
            New-CrashedJournal $case $rows -Unfinished 2
            $since = Get-LastSequence
            Set-GovernanceEmulatorFault -Emulator $Emulator -Api isc -Method GET -PathPrefix (Get-PolicyPath $rows[1]) -LatencyMs 30000 -Count 1 | Out-Null
            # The emulator journals a request when it answers it: the read is given time to start, not waited for.
            $report = Stop-InRunspace -Arguments $ModulePath, $Emulator.Uri, $Emulator.IscCredential, $rows, $Journal -Script {
                param($ModulePath, $Uri, $Credential, $Rows, $Journal)
                Import-Module $ModulePath
                Connect-IscTenant -Uri $Uri -Credential $Credential
                $Rows | Edit-ProvisioningPolicy -Description 'journaled' -JournalPath $Journal
            }
            Clear-GovernanceEmulatorFault -Emulator $Emulator

            $report.Read | Should -Be 2
            $report.OutcomeUnknown | Should -Be 1 -Because 'an earlier run sent row 2 and no answer is known'
            $report.NotSent | Should -Be 0
            @($report.Inputs | ForEach-Object { [string] $_.Fate }) | Should -Be @('OutcomeUnknown')
            Get-States $Journal | Should -Be @('Succeeded', 'Sent') -Because 'the row stays to be checked by the next resume'
            Get-RequestsTo $since (Get-PolicyPath $rows[1]) | Should -Be @('GET')
        }

        It 'a row whose policy cannot be read is OutcomeUnknown, unsent, and checked again by the next resume' {
            $case = $Apis.Isc
            $rows = @(New-Rows 'Isc' 3)
            New-CrashedJournal $case $rows -Unfinished 2, 3 -NotApplied
            Set-GovernanceEmulatorFault -Emulator $Emulator -Api isc -Method GET -PathPrefix (Get-PolicyPath $rows[2]) -StatusCode 404 | Out-Null
            $since = Get-LastSequence

            $run = Invoke-Resume $case $rows $Journal

            Assert-OneOutcomePerRow $rows $run
            $unknown = Get-ErrorOf $run $rows[2]
            $unknown.FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyOutcomeUnknown,*'
            $unknown.Exception.Message | Should -BeLike 'Row 3: *reading it to find out whether it applied failed*'
            Get-RequestsTo $since (Get-PolicyPath $rows[2]) | Should -Not -Contain 'PATCH'
            Get-States $Journal | Should -Be @('Succeeded', 'Succeeded', 'OutcomeUnknown')

            Clear-GovernanceEmulatorFault -Emulator $Emulator
            $since = Get-LastSequence
            $again = Invoke-Resume $case $rows $Journal
            Assert-OneOutcomePerRow $rows $again
            (Get-ResultOf $again $rows[2])[0].Status | Should -Be 'Updated'
            Get-RequestsTo $since (Get-PolicyPath $rows[2]) | Should -Be @('GET', 'PATCH')
            Get-States $Journal | Should -Be @('Succeeded', 'Succeeded', 'Succeeded')
        }

        It 'policy objects: already as asked is Unchanged (not ChangedSinceRead); as read is sent once; changed by someone else is ChangedSinceRead, unsent' {
            $policies = @(Get-ProvisioningPolicy -SourceId $SourceId)
            $policies.UsageType | Should -Be @('CREATE', 'UPDATE', 'DISABLE')
            foreach ($policy in $policies) { $policy.Description = 'object edit' }
            $null = $policies | Edit-ProvisioningPolicy -JournalPath $Journal
            Remove-Outcome $Journal 1, 2, 3
            Reset-GovernanceEmulator -Emulator $Emulator
            $null = Edit-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE -Description 'object edit'
            Set-StoredDescription $policies[2] 'someone else'
            $since = Get-LastSequence

            $errs = $null
            $results = @($policies | Edit-ProvisioningPolicy -JournalPath $Journal -ErrorVariable errs -ErrorAction SilentlyContinue)

            $results.UsageType | Should -Be @('CREATE', 'UPDATE', 'DISABLE')
            $results.FromJournal | Sort-Object -Unique | Should -Be $false
            $results.Status | Should -Be @('Unchanged', 'Updated', 'ChangedSinceRead')
            @($errs).Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyChangedSinceRead,*'
            $errs[0].TargetObject.UsageType | Should -Be 'DISABLE'
            Get-RequestsTo $since (Get-PolicyPath $policies[0]) | Should -Be @('GET')
            Get-RequestsTo $since (Get-PolicyPath $policies[1]) | Should -Be @('GET', 'PATCH')
            Get-RequestsTo $since (Get-PolicyPath $policies[2]) | Should -Be @('GET')
            (Get-StoredPolicy $policies[2]).description | Should -Be 'someone else' -Because "their change is not overwritten"
            Get-States $Journal | Should -Be @('Succeeded', 'Succeeded', 'Failed')
        }

        It 'raw operations: <Kind> ones <Then>' -ForEach @(
            @{ Kind = 'idempotent'; Then = 'are sent again, unread'; Operation = "@{ op = 'replace'; path = '/description'; value = 'raw' }"; Requests = @('PATCH'); States = @('Succeeded', 'Succeeded') }
            @{ Kind = 'not idempotent'; Then = 'get OutcomeUnknown and are not sent'; Operation = "@{ op = 'add'; path = '/fields/-'; value = @{ name = 'extra'; type = 'string' } }"; Requests = @(); States = @('OutcomeUnknown', 'OutcomeUnknown') }
        ) {
            $case = @{ Command = "Edit-ProvisioningPolicy -Operation $Operation" }
            $rows = @(New-Rows 'Isc' 2)
            New-CrashedJournal $case $rows -Unfinished 1, 2
            $fields = @($rows | ForEach-Object { @((Get-StoredPolicy $_).fields).Count })
            $since = Get-LastSequence

            $run = Invoke-Resume $case $rows $Journal

            Assert-OneOutcomePerRow $rows $run
            for ($i = 0; $i -lt $rows.Count; $i++) {
                @((Get-StoredPolicy $rows[$i]).fields).Count | Should -Be $fields[$i] -Because 'no field is added twice'
                if ($Requests) {
                    Get-RequestsTo $since (Get-PolicyPath $rows[$i]) | Should -Be $Requests
                    (Get-ResultOf $run $rows[$i])[0].Status | Should -Be 'Updated'
                }
                else {
                    Get-RequestsTo $since (Get-PolicyPath $rows[$i]) | Should -BeNullOrEmpty
                    $unknown = Get-ErrorOf $run $rows[$i]
                    $unknown[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyOutcomeUnknown,*'
                    $unknown[0].CategoryInfo.Category | Should -Be 'ConnectionError'
                    $unknown[0].Exception.Message | Should -BeLike "Row $($i + 1): *not sent again*"
                }
            }
            Get-States $Journal | Should -Be $States
        }
    }
}

Describe 'Every early end goes through one account' {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        $global:GovernanceStopReport = 'an old run'
    }

    It '<Name>: a 401 in the middle of a run writes what the server applied and accounts for every other row' -ForEach @(
        @{ Name = 'Oig'; Rows = 300; Command = { param($r) $r | Set-ProvTask -Note 'four-oh-one' -BatchSize 50 -ThrottleLimit 4 }; Fault = @{ Api = 'oig'; Method = 'PUT'; Every = 3; Count = 1 }; Refused = 50; Prefix = 'ProvTask' }
        @{ Name = 'Nerm'; Rows = 40; Command = { param($r) $r | Update-WorkflowSession -Status completed -ThrottleLimit 4 }; Fault = @{ Api = 'nerm'; Method = 'PATCH'; Every = 10; Count = 1 }; Refused = 1; Prefix = 'WorkflowSession' }
        # ISC renews its token after a 401 and tries again: every attempt on the second policy is refused.
        @{ Name = 'Isc'; Rows = 4; Command = { param($r) $r | Edit-ProvisioningPolicy -Description 'four-oh-one' }; Fault = @{ Api = 'isc'; Method = 'PATCH'; PathPrefix = "/v3/sources/2c9180835d191a86015d28455b4a2329/provisioning-policies/UPDATE" }; Refused = 1; Prefix = 'ProvisioningPolicy' }
    ) {
        $rows = @(New-Rows $Name $Rows)
        $fault = $Fault
        Set-GovernanceEmulatorFault -Emulator $Emulator @fault -StatusCode 401 | Out-Null
        $all = [System.Collections.Generic.List[object]]::new()
        $terminating = $null
        try { & $Command $rows 2>&1 | ForEach-Object { $all.Add($_) } } catch { $terminating = $_ }
        $errs = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $results = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $terminating.FullyQualifiedErrorId | Should -BeLike '*AuthenticationFailed*'
        $report = $global:GovernanceStopReport
        $report | Should -Not -Be 'an old run'
        $report.Reason | Should -BeLike '*refused*'
        $report.Unaccounted | Should -Be 0
        # A refused row is a line in the account (nothing was changed), so that -ErrorAction Stop meets the one error first.
        @($errs | Where-Object { $_.FullyQualifiedErrorId -like "$($Prefix)Unauthorized*" }) | Should -BeNullOrEmpty
        @($report.Inputs | Where-Object Fate -eq 'NotSent').Count | Should -BeGreaterOrEqual $Refused -Because 'each refused row is in the account'
        $report.Inputs | Where-Object Fate -ne 'NotSent' | Should -BeNullOrEmpty -Because 'requests in flight were awaited and written'
        # Every row read has its result, its own error, or a line in the account.
        $withOutcome = @(@($results | ForEach-Object { Get-RowKey $_ }) + @($errs | Where-Object { $_.TargetObject -and $_.FullyQualifiedErrorId -notlike '*AuthenticationFailed*' } | ForEach-Object { Get-RowKey $_.TargetObject }) | Sort-Object -Unique)
        ($withOutcome.Count + $report.Inputs.Count) | Should -Be $report.Read
    }

    It '<Name>: Select-Object -First leaves an account of the changes applied without a result, and a warning that names it' -ForEach @(
        @{ Name = 'Oig'; Rows = 100; Command = { param($r) $r | Set-ProvTask -Note 'first' -BatchSize 10 -ThrottleLimit 4 | Select-Object -First 3 }; Api = 'oig'; Method = 'PUT' }
        @{ Name = 'Nerm'; Rows = 30; Command = { param($r) $r | Update-WorkflowSession -Status completed -ThrottleLimit 8 | Select-Object -First 5 }; Api = 'nerm'; Method = 'PATCH' }
        @{ Name = 'Isc'; Rows = 4; Command = { param($r) $r | Edit-ProvisioningPolicy -Description 'first' | Select-Object -First 1 }; Api = 'isc'; Method = 'PATCH' }
    ) {
        $rows = @(New-Rows $Name $Rows)
        $results = @(& $Command $rows 3>$null)
        $report = $global:GovernanceStopReport
        $report | Should -Not -Be 'an old run'
        $report.Unaccounted | Should -Be 0
        $applied = @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api $Api -Method $Method | Where-Object Status -eq 200)
        $appliedRows = if ($Name -eq 'Oig') { @($applied | ForEach-Object { ([regex]::Matches($_.Body, '"id":"')).Count } | Measure-Object -Sum).Sum } else { $applied.Count }
        $report.Answered | Should -Be $appliedRows -Because 'every change the server applied is answered, written or in the account'
        @($report.Inputs | Where-Object Fate -eq AnsweredNotWritten).Count | Should -Be ($appliedRows - $results.Count)
        if ($appliedRows -gt $results.Count) { $report.Warning | Should -BeLike '*$GovernanceStopReport*' }
    }
}
