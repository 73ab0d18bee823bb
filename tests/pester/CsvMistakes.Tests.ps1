#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Mistakes in a CSV's structure, which PowerShell's binder would pass over in silence or report once per row: a column
# that looks like one the cmdlet reads but is not, and a header that gives the id no column. Each is one error that
# names the column and the one meant, before anything is sent.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module (Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1') -Force
    $script:Emulator = Start-GovernanceEmulator
    Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential
    Connect-NermTenant -Uri $Emulator.Uri -Token $Emulator.NermToken

    function script:New-Csv([string[]] $Lines) {
        $path = Join-Path $TestDrive ("{0}.csv" -f [guid]::NewGuid())
        Set-Content -Path $path -Value $Lines -Encoding UTF8
        $path
    }

    # Every error the command wrote or threw, and what went to the server.
    function script:Invoke-Csv([scriptblock] $Command) {
        $ErrorActionPreference = 'Continue'
        $seen = New-Object System.Collections.ArrayList
        try { & $Command 2>&1 | ForEach-Object { [void]$seen.Add($_) } } catch { [void]$seen.Add($_) }
        @{ Errors = @($seen | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }); Sent = @(Get-GovernanceEmulatorRequest -Emulator $Emulator | Where-Object method -in 'PUT', 'PATCH') }
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'CSV mistakes are named, once, and nothing is sent' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'Set-ProvTask: a Notes column is not Note' {
        $csv = New-Csv @('TaskId,Action,Notes', '6,SetNote,checked', '3016,SetNote,checked')

        $run = Invoke-Csv { Import-Csv $csv | Set-ProvTask }

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ProvTaskInvalidColumns,*'
        $run.Errors[0].Exception.Message | Should -BeLike "*Column 'Notes' is not one this command reads; did you mean 'Note'?*"
        $run.Sent.Count | Should -Be 0
    }

    It 'Update-WorkflowSession: an Attributes.<uid> column is not Attribute.<uid>' {
        $csv = New-Csv @('Id,Status,Attributes.department_uid', '00000000-0000-4000-8000-000000000001,approved,Finance')

        $run = Invoke-Csv { Import-Csv $csv | Update-WorkflowSession }

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'WorkflowSessionInvalidColumns,*'
        $run.Errors[0].Exception.Message | Should -BeLike "*'Attributes.department_uid'*did you mean 'Attribute.department_uid'?*"
        $run.Sent.Count | Should -Be 0
    }

    It '<Cmdlet>: a header Task Id gives TaskId no column; one error for the file, not one per row' -ForEach @(
        @{ Cmdlet = 'Set-ProvTask' }
        @{ Cmdlet = 'Invoke-ProvTaskRetry' }
    ) {
        $csv = New-Csv @('Task Id,Note', '6,a', '3016,b', '3018,c')

        $run = Invoke-Csv { Import-Csv $csv | & $Cmdlet }

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ProvTaskInvalidColumns,*'
        $run.Errors[0].Exception.Message | Should -BeLike "No column gives TaskId*Column 'Task Id' is not one this command reads; did you mean 'TaskId'?*"
        $run.Sent.Count | Should -Be 0
    }

    It '<Cmdlet>: a semicolon-delimited file read with commas is one error naming the delimiter' -ForEach @(
        @{ Cmdlet = 'Set-ProvTask' }
        @{ Cmdlet = 'Invoke-ProvTaskRetry' }
    ) {
        $csv = New-Csv @('TaskId;Action;Note', '6;SetNote;a', '3016;SetNote;b')

        $run = Invoke-Csv { Import-Csv $csv | & $Cmdlet }

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ProvTaskInvalidColumns,*'
        $run.Errors[0].Exception.Message | Should -BeLike "No column gives TaskId*looks delimited by it. Read it with Import-Csv -Delimiter "";""*"
        $run.Sent.Count | Should -Be 0
    }

    It 'Update-WorkflowSession: a semicolon-delimited file is one error naming the delimiter' {
        $csv = New-Csv @('Id;Status', '00000000-0000-4000-8000-000000000001;approved', '00000000-0000-4000-8000-000000000002;approved')

        $run = Invoke-Csv { Import-Csv $csv | Update-WorkflowSession }

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].Exception.Message | Should -BeLike "No column gives Id*Import-Csv -Delimiter "";""*"
        $run.Sent.Count | Should -Be 0
    }

    It 'Invoke-ProvTaskRetry still retries plain ids piped in, ids given, and rows with an Id column' {
        $csv = New-Csv @('Id,Comment', '3018,c')

        $piped = @(6, '3016' | Invoke-ProvTaskRetry -ErrorAction Stop)
        $given = @(Invoke-ProvTaskRetry -TaskId 6, 3016 -ErrorAction Stop)
        $rows = @(Import-Csv $csv | Invoke-ProvTaskRetry -ErrorAction Stop)

        $piped.TaskId | Should -Be @('6', '3016')
        $given.TaskId | Should -Be @('6', '3016')
        $rows.TaskId | Should -Be @('3018')
        @($piped + $given + $rows | Where-Object Status -ne 'SUCCESS') | Should -BeNullOrEmpty
    }

    It 'columns of the user''s own (Comment, Owner) pass, and so does the output of Get-ProvTask' {
        $csv = New-Csv @('TaskId,Note,Comment,Owner', '6,a,per ticket 42,jdoe')

        $run = Invoke-Csv { Import-Csv $csv | Set-ProvTask }
        $retried = Invoke-Csv { Get-ProvTask -Filter 'Status.Category eq Rejected' | Invoke-ProvTaskRetry }

        $run.Errors.Count | Should -Be 0
        @($retried.Errors | Where-Object FullyQualifiedErrorId -like '*InvalidColumns*').Count | Should -Be 0
    }
}
