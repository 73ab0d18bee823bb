#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The OIG cmdlets as users meet them: the built module, a real emulator process, CSV pipelines.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module $ModulePath -Force
    $script:Emulator = Start-GovernanceEmulator
    $script:Password = 'Demo-Passw0rd!'
    $script:Credential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString $Password -AsPlainText -Force))
    Connect-OigServer -Uri $Emulator.Uri -Credential $Credential

    function script:Get-PutRequests {
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT)
    }

    function script:New-TaskCsv {
        param([string[]] $Lines)
        $path = Join-Path $TestDrive ("tasks-{0}.csv" -f [guid]::NewGuid())
        Set-Content -Path $path -Value (@('TaskId,Action,Assignee,Note,Response') + $Lines) -Encoding UTF8
        $path
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'Set-ProvTask' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'turns a CSV of mixed actions into one result per row, one error for the unknown task, and ceil(N/BatchSize) bulk calls' {
        $csv = New-TaskCsv @(
            '3016,,23,,'
            '6,SetNote,,checked by the desk,'
            '3018,,,,VALIDATION_FAILED'
            '1006,Retry,,,'
            '424242,,,no such task,'
            '100001,,,bulk note,'
            '100002,,,bulk note,'
        )

        $results = @(Import-Csv $csv | Set-ProvTask -BatchSize 3 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 7
        $results.TaskId | Should -Be @('3016', '6', '3018', '1006', '424242', '100001', '100002')
        @($results | Where-Object Succeeded).Count | Should -Be 6
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ProvTaskNotFound,*'
        $failures[0].TargetObject.TaskId | Should -Be '424242'
        $failures[0].Exception.Message | Should -BeLike 'Row 5*424242*'
        $failures[0].Exception.Failure | Should -Be 'NotFound'
        $failures[0].Exception.ResponseBody | Should -BeLike '*424242*FAIL*'

        $puts = Get-PutRequests
        $puts.Count | Should -Be ([math]::Ceiling(7 / 3))
        $puts | ForEach-Object { $_.path | Should -BeLike '*/provtasks' }
    }

    It 'reports a row that lacks what its action needs, names the row, sends nothing for it, and goes on' {
        $csv = New-TaskCsv @(
            '3009,Reassign,,,'
            '6,,,fine,'
        )

        $results = @(Import-Csv $csv | Set-ProvTask -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 1
        $results[0].TaskId | Should -Be '6'
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -BeLike 'Row 1 (task 3009)*needs Assignee*'
        (Get-PutRequests).path | Should -Not -BeLike '*3009*'
    }

    It 'sends nothing under -WhatIf' {
        $csv = New-TaskCsv @('3016,,23,,', '6,,,note,')

        $results = @(Import-Csv $csv | Set-ProvTask -WhatIf)

        $results.Count | Should -Be 0
        (Get-PutRequests).Count | Should -Be 0
    }

    It 'sends a lone change through the single-task PUT' {
        $result = Set-ProvTask -TaskId 3009 -Assignee 23

        $result.Status | Should -Be 'SUCCESS'
        $result.Assignee | Should -Be '23'
        (Get-PutRequests).path | Should -BeLike '*/provtasks/3009'
    }

    It 'binds the CSV columns Id and ProvTaskId as the task id' {
        $path = Join-Path $TestDrive 'ids.csv'
        Set-Content $path -Value @('Id,Note', '6,by Id') -Encoding UTF8
        (Import-Csv $path | Set-ProvTask).TaskId | Should -Be '6'

        Set-Content $path -Value @('ProvTaskId,Note', '3009,by ProvTaskId') -Encoding UTF8
        (Import-Csv $path | Set-ProvTask).TaskId | Should -Be '3009'
    }

    It 'shows results as a table' {
        $table = Set-ProvTask -TaskId 6 -Note 'table' | Format-Table | Out-String

        $table | Should -Match 'TaskId\s+Action\s+Status\s+Succeeded'
    }

    It 'tells what it sent under -Verbose and never the password' {
        $verbose = Set-ProvTask -TaskId 6 -Note 'verbose' -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        ($verbose.Message -join "`n") | Should -Match 'PUT http://127\.0\.0\.1:\d+/iam/governance/selfservice/api/v1/provtasks/6.*200'
        ($verbose.Message -join "`n") | Should -Not -Match ([regex]::Escape($Password))
    }

    It 'stops with a terminating error when no connection was made in the runspace' {
        $ps = [powershell]::Create()
        try {
            # Only a terminating error reaches the catch block without -ErrorAction Stop; a non-terminating one would let 'went on' through.
            $null = $ps.AddScript("Import-Module '$ModulePath'; try { Set-ProvTask -TaskId 6 -Note x; 'went on' } catch { `$_ }")
            $output = @($ps.Invoke())
            $output.Count | Should -Be 1
            $output[0] | Should -BeOfType System.Management.Automation.ErrorRecord
            $output[0].Exception.Message | Should -BeLike '*Connect-OigServer*'
            $output[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Get-ProvTask and Invoke-ProvTaskRetry' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'retries every task a filter finds, across pages, with one result per task' {
        $filter = 'Process::Instance.Task::Details.Status eq Rejected'
        $tasks = @(Get-ProvTask -Filter $filter -PageSize 10)
        $tasks.Count | Should -BeGreaterThan 10

        $results = @(Get-ProvTask -Filter $filter -PageSize 10 | Invoke-ProvTaskRetry -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Count | Should -Be $tasks.Count
        $results.TaskId | Should -Be $tasks.TaskId
        # Task 31 is a manual task: OIG cannot retry it.
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be '31'
        $failures[0].Exception.Message | Should -BeLike '*not automated*'
    }

    It 'takes plain ids, numbers and result objects by pipeline' {
        @('1006', 1008 | Invoke-ProvTaskRetry).Count | Should -Be 2
        @(Set-ProvTask -TaskId 6 -Note n | Invoke-ProvTaskRetry).TaskId | Should -Be '6'
    }

    It 'reads the task whose id is given by position: Get-ProvTask 6 reads task 6' {
        $task = Get-ProvTask 6

        $task.TaskId | Should -Be '6'
        $gets = @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method GET)
        $gets.Count | Should -Be 1
        $gets[0].path | Should -BeLike '*/provtasks/6'
    }

    It 'reads one task by id and reflects earlier changes' {
        Set-ProvTask -TaskId 6 -Note 'read back' | Out-Null

        (Get-ProvTask -TaskId 6).Fields['Process Instance.Task Details.Note'] | Should -Be 'read back'
    }

    It 'shows examples, with the CSV pipeline, in help' {
        (Get-Help Set-ProvTask -Examples | Out-String) | Should -Match 'Import-Csv .*\| Set-ProvTask'
        foreach ($name in 'Connect-OigServer', 'Get-ProvTask', 'Invoke-ProvTaskRetry') {
            @((Get-Help $name -Examples).examples.example).Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Connect-OigServer' {
    It 'refuses a wrong password with a terminating error' {
        $wrong = [pscredential]::new('xelsysadm', (ConvertTo-SecureString 'not-it' -AsPlainText -Force))

        { Connect-OigServer -Uri $Emulator.Uri -Credential $wrong } | Should -Throw '*401*'
    }

    It 'returns a connection that shows the user and never the password' {
        $connection = Connect-OigServer -Uri $Emulator.Uri -Credential $Credential -PassThru

        $connection.UserName | Should -Be 'xelsysadm'
        ($connection | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Password))
        "$connection" | Should -Not -Match ([regex]::Escape($Password))
    }
}
