#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Ctrl+C in the middle of a run, for each change cmdlet. PowerShell.Stop() is what the console host calls on Ctrl+C.
# Once a pipeline is stopping the engine refuses every Write*, so the account of a stopped run goes through the
# host's UI, as a console shows it; a recording host stands in for the console. Hosts without a UI read the
# global variable $GovernanceStopReport.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    $script:Emulator = Start-GovernanceEmulator
    $script:OigCredential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force))
    $script:NermToken = ConvertTo-SecureString 'nerm-demo-api-key-0001' -AsPlainText -Force
    $script:IscCredential = [pscredential]::new('emulator-demo-client', (ConvertTo-SecureString 'Demo-Client-Secret-0001' -AsPlainText -Force))
    $script:SourceId = '2c9180835d191a86015d28455b4a2329'

    if (-not ('GovernanceModuleTests.RecordingHost' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'RecordingHost.cs')
    }

    function script:Get-Requests([string] $Api, [string] $Method) {
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api $Api -Method $Method)
    }

    function script:Add-Fault([hashtable] $Rule) {
        Set-GovernanceEmulatorFault -Emulator $Emulator @Rule | Out-Null
    }

    # Runs $Script in a runspace of its own, waits until $Until is true, stops it as Ctrl+C does, and returns what
    # the user was shown: the host's -Verbose and warning lines, the results written before the stop, and the
    # $GovernanceStopReport the run left behind.
    function script:Stop-WhileRunning {
        param([scriptblock] $Script, [object[]] $Arguments, [scriptblock] $Until, [switch] $NoConsole)
        $recordingHost = [GovernanceModuleTests.RecordingHost]::new()
        if ($NoConsole) { $runspace = [runspacefactory]::CreateRunspace() } else { $runspace = [runspacefactory]::CreateRunspace($recordingHost) }
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddScript($Script)
            foreach ($argument in $Arguments) { $null = $ps.AddArgument($argument) }
            $inputs = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $inputs.Complete()
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $running = $ps.BeginInvoke($inputs, $output)

            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (& $Until) -and [DateTime]::UtcNow -lt $deadline -and -not $running.IsCompleted) { Start-Sleep -Milliseconds 100 }
            Start-Sleep -Milliseconds 1000
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $stopSeconds = $clock.Elapsed.TotalSeconds
            # Let the server see the dropped connections before the journal is read.
            Start-Sleep -Milliseconds 500
            [pscustomobject]@{
                StopSeconds = $stopSeconds
                Completed   = $running.IsCompleted
                Results     = @($output)
                Errors      = @($ps.Streams.Error)
                Verbose     = $recordingHost.Recorder.Verbose
                Warnings    = $recordingHost.Recorder.Warnings
                Report      = $runspace.SessionStateProxy.GetVariable('GovernanceStopReport')
            }
        }
        finally {
            $ps.Dispose()
            $runspace.Dispose()
        }
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
}

Describe 'Stopping Set-ProvTask' {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        # The server holds the second bulk PUT for a minute: the stop comes while it is with the server. One request
        # at a time (-ThrottleLimit 1): rows go on being read while it is held, and the third batch (rows 201-300)
        # waits for the slot.
        Add-Fault @{ api = 'oig'; method = 'PUT'; latencyMs = 60000; every = 2; count = 1 }
        $script:OigRun = {
            param($ModulePath, $Url, $Credential)
            Import-Module $ModulePath
            Connect-OigServer -Uri $Url -Credential $Credential
            100000..100299 | ForEach-Object { [pscustomobject]@{ TaskId = "$_"; Note = 'stop test' } } |
                Set-ProvTask -BatchSize 100 -ThrottleLimit 1 -Verbose
        }
    }

    It 'ends at once and shows the console a line per input without a result, the total and a warning' {
        $run = Stop-WhileRunning -Script $OigRun -Arguments $ModulePath, $Emulator.Uri, $OigCredential -Until { (Get-Requests oig PUT).Count -ge 1 }

        $run.StopSeconds | Should -BeLessThan 10
        $run.Completed | Should -BeTrue
        # Rows 101-200 went out in the held PUT; rows 201-300 were read and waited for the slot, so they were not sent.
        $run.Results.Count | Should -Be 100
        $run.Verbose | Should -Contain 'Stopped after 300 inputs: 100 sent and answered, 100 sent with unknown outcome, 100 not sent, 0 refused as invalid, 0 skipped.'
        @($run.Verbose | Where-Object { $_ -like 'Row * (SetNote): not sent.' }).Count | Should -Be 100
        @($run.Verbose | Where-Object { $_ -like 'Row * (SetNote): sent, outcome unknown*' }).Count | Should -Be 100
        $run.Verbose | Should -Contain 'Row 150: task 100149 (SetNote): sent, outcome unknown (stopped while the server had it); check it before sending it again.'
        $run.Warnings | Should -Be @('100 changes were with the server when the command was stopped; whether they applied is unknown. $GovernanceStopReport lists them with their input: check them before sending them again.')

        $puts = Get-Requests oig PUT
        $puts.Count | Should -Be 2
        $puts[1].outcome | Should -Be 'client-disconnected'
    }

    It 'leaves the account in $GovernanceStopReport, with the rows to check, for hosts without a console' {
        $run = Stop-WhileRunning -NoConsole -Script $OigRun -Arguments $ModulePath, $Emulator.Uri, $OigCredential -Until { (Get-Requests oig PUT).Count -ge 1 }

        $run.StopSeconds | Should -BeLessThan 10
        $report = $run.Report
        $report.Command | Should -Be 'Set-ProvTask'
        $report.Read | Should -Be 300
        $report.Answered | Should -Be 100
        $report.OutcomeUnknown | Should -Be 100
        $report.NotSent | Should -Be 100
        $report.Unaccounted | Should -Be 0
        $report.Inputs.Count | Should -Be 200
        @($report.Inputs | Where-Object Fate -EQ OutcomeUnknown | ForEach-Object { $_.Target.TaskId }) | Should -Be @(100100..100199 | ForEach-Object { "$_" })
        @($report.Inputs | Where-Object Fate -EQ NotSent | ForEach-Object { $_.Target.TaskId }) | Should -Be @(100200..100299 | ForEach-Object { "$_" })
        $report.Lines[-1] | Should -BeLike 'Stopped after 300 inputs: *'
    }

    It 'writes nothing to the console without -Verbose but the warning, which -WarningAction SilentlyContinue silences' {
        $quiet = {
            param($ModulePath, $Url, $Credential, $WarningAction)
            Import-Module $ModulePath
            Connect-OigServer -Uri $Url -Credential $Credential
            100000..100299 | ForEach-Object { [pscustomobject]@{ TaskId = "$_"; Note = 'stop test' } } |
                Set-ProvTask -BatchSize 100 -ThrottleLimit 1 -WarningAction $WarningAction
        }
        $run = Stop-WhileRunning -Script $quiet -Arguments $ModulePath, $Emulator.Uri, $OigCredential, 'Continue' -Until { (Get-Requests oig PUT).Count -ge 1 }
        $run.Verbose.Count | Should -Be 0
        $run.Warnings.Count | Should -Be 1

        Reset-GovernanceEmulator -Emulator $Emulator
        Add-Fault @{ api = 'oig'; method = 'PUT'; latencyMs = 60000; every = 2; count = 1 }
        $run = Stop-WhileRunning -Script $quiet -Arguments $ModulePath, $Emulator.Uri, $OigCredential, 'SilentlyContinue' -Until { (Get-Requests oig PUT).Count -ge 1 }
        $run.Warnings.Count | Should -Be 0
        $run.Report.OutcomeUnknown | Should -Be 100
    }
}

Describe 'Stopping Set-ProvTask with several batches in flight' {
    It 'accounts for every row of every batch in flight, the answered ones behind a held one, and the batch waiting for a slot' {
        Reset-GovernanceEmulator -Emulator $Emulator
        # Every second bulk PUT is held: with -ThrottleLimit 4, four held batches fill the slots, the answered batches
        # between them wait behind the first held one, and the ninth batch waits for a slot when the stop comes. The
        # journal lists a request once it is answered, so the run is stopped after the four answered ones.
        Add-Fault @{ api = 'oig'; method = 'PUT'; latencyMs = 60000; every = 2 }
        $oigRun = {
            param($ModulePath, $Url, $Credential)
            Import-Module $ModulePath
            Connect-OigServer -Uri $Url -Credential $Credential
            100000..100999 | ForEach-Object { [pscustomobject]@{ TaskId = "$_"; Note = 'stop test' } } |
                Set-ProvTask -BatchSize 100 -ThrottleLimit 4 -Verbose
        }
        $run = Stop-WhileRunning -Script $oigRun -Arguments $ModulePath, $Emulator.Uri, $OigCredential -Until { (Get-Requests oig PUT).Count -ge 4 }

        $run.StopSeconds | Should -BeLessThan 10
        $run.Completed | Should -BeTrue
        $report = $run.Report
        $report.Command | Should -Be 'Set-ProvTask'
        $report.Unaccounted | Should -Be 0
        # Eight batches sent, the ninth (rows 801-900) complete and waiting for a slot; row 901 was never read.
        $report.Read | Should -Be 900
        $report.Answered | Should -Be 400
        $report.OutcomeUnknown | Should -Be 400
        $report.NotSent | Should -Be 100
        $run.Verbose | Should -Contain 'Stopped after 900 inputs: 400 sent and answered, 400 sent with unknown outcome, 100 not sent, 0 refused as invalid, 0 skipped.'
        $run.Warnings | Should -Be @('400 changes were with the server when the command was stopped; whether they applied is unknown. $GovernanceStopReport lists them with their input: check them before sending them again.')
        # Every row read has exactly one result or one entry in the account.
        $accounted = @($run.Results | ForEach-Object { $_.TaskId }) + @($report.Inputs | ForEach-Object { $_.Target.TaskId })
        $accounted.Count | Should -Be 900
        @($accounted | Sort-Object -Unique).Count | Should -Be 900
        @($report.Inputs | Where-Object Fate -EQ NotSent | ForEach-Object { $_.Target.TaskId }) | Should -Be @(100800..100899 | ForEach-Object { "$_" })
        # The rows said to be with the server are exactly those of the held requests.
        $puts = Get-Requests oig PUT
        $puts.Count | Should -Be 8
        $held = @($puts | Where-Object outcome -EQ 'client-disconnected')
        $held.Count | Should -Be 4
        $heldTasks = @($held | ForEach-Object { ($_.body | ConvertFrom-Json).tasks.id } | Sort-Object)
        $unknownTasks = @($report.Inputs | Where-Object Fate -EQ OutcomeUnknown | ForEach-Object { $_.Target.TaskId } | Sort-Object)
        $unknownTasks | Should -Be $heldTasks
    }
}

Describe 'Stopping Update-WorkflowSession' {
    It 'accounts for every row read, including finished updates waiting behind a held one' {
        Reset-GovernanceEmulator -Emulator $Emulator
        # Every 10th PATCH is held: later updates finish and wait behind it, in input order, until the window is full.
        Add-Fault @{ api = 'nerm'; method = 'PATCH'; latencyMs = 60000; every = 10 }
        $nermRun = {
            param($ModulePath, $Url, $Token)
            Import-Module $ModulePath
            Connect-NermTenant -Uri $Url -Token $Token
            1..40 | ForEach-Object { [pscustomobject]@{ Id = '00000000-0000-4000-8000-{0:D12}' -f $_; Status = 'completed' } } |
                Update-WorkflowSession -ThrottleLimit 4 -Verbose
        }
        $run = Stop-WhileRunning -Script $nermRun -Arguments $ModulePath, $Emulator.Uri, $NermToken -Until { (Get-Requests nerm PATCH).Count -ge 20 }

        $run.StopSeconds | Should -BeLessThan 10
        $report = $run.Report
        $report.Command | Should -Be 'Update-WorkflowSession'
        $report.Unaccounted | Should -Be 0
        $report.Read | Should -BeGreaterThan 20
        # Every row read has exactly one result or one entry in the account.
        $accounted = @($run.Results | ForEach-Object { $_.Id }) + @($report.Inputs | ForEach-Object { $_.Target.Id })
        $accounted.Count | Should -Be $report.Read
        @($accounted | Sort-Object -Unique).Count | Should -Be $report.Read
        # What the account says matches what the server saw.
        $patches = Get-Requests nerm PATCH
        $report.OutcomeUnknown | Should -Be @($patches | Where-Object outcome -EQ 'client-disconnected').Count
        $report.Answered | Should -Be @($patches | Where-Object { $_.status -eq 200 }).Count
        $report.OutcomeUnknown | Should -BeGreaterThan 0
        # Requests reach the server in any order, so the held ones are found in the journal, not assumed.
        foreach ($held in @($patches | Where-Object outcome -EQ 'client-disconnected')) {
            $id = ($held.path -split '/')[-1]
            @($run.Verbose | Where-Object { $_ -like "Row *: workflow session ${id}: sent, outcome unknown (stopped while the server had it)*" }).Count | Should -Be 1
        }
        $run.Verbose[-1] | Should -Be $report.Lines[-1]
        $run.Warnings.Count | Should -Be 1
    }
}

Describe 'Stopping Edit-ProvisioningPolicy' {
    It 'accounts for the edit the server was holding and the edits before it' {
        Reset-GovernanceEmulator -Emulator $Emulator
        Add-Fault @{ api = 'isc'; method = 'PATCH'; latencyMs = 60000; every = 2; count = 1 }
        $iscRun = {
            param($ModulePath, $Url, $Credential, $SourceId)
            Import-Module $ModulePath
            Connect-IscTenant -Uri $Url -Credential $Credential
            'CREATE', 'UPDATE', 'DISABLE' | ForEach-Object { [pscustomobject]@{ SourceId = $SourceId; UsageType = $_ } } |
                Edit-ProvisioningPolicy -Description 'stop test' -Verbose
        }
        $run = Stop-WhileRunning -Script $iscRun -Arguments $ModulePath, $Emulator.Uri, $IscCredential, $SourceId -Until { (Get-Requests isc PATCH).Count -ge 1 }

        $run.StopSeconds | Should -BeLessThan 10
        $run.Results.Count | Should -Be 1
        $report = $run.Report
        $report.Read | Should -Be 2
        $report.Answered | Should -Be 1
        $report.OutcomeUnknown | Should -Be 1
        $report.Unaccounted | Should -Be 0
        $run.Verbose | Should -Contain 'Stopped after 2 inputs: 1 sent and answered, 1 sent with unknown outcome, 0 not sent, 0 refused as invalid, 0 skipped.'
        @($run.Verbose | Where-Object { $_ -like 'Row 2: *UPDATE*: sent, outcome unknown*' }).Count | Should -Be 1
        $run.Warnings.Count | Should -Be 1
    }
}
