#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The NERM cmdlets as users meet them: the built module, a real emulator process, CSV pipelines.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module $ModulePath -Force
    $script:Emulator = Start-GovernanceEmulator
    $script:ApiKey = 'nerm-demo-api-key-0001'
    $script:SecureKey = ConvertTo-SecureString $ApiKey -AsPlainText -Force
    $script:ExampleId = '3fa85f64-5717-4562-b3fc-2c963f66afa6'

    function script:Get-SessionId([int] $Number) { '00000000-0000-4000-8000-{0:D12}' -f $Number }

    function script:Get-PatchRequests {
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api nerm -Method PATCH)
    }

    function script:Set-NermOptions([string] $Json) {
        Invoke-RestMethod -Method Patch -Uri "$($Emulator.Uri)/_emulator/options" -Body "{`"nerm`":$Json}" -ContentType 'application/json' | Out-Null
    }

    function script:New-SessionCsv {
        param([string[]] $Lines)
        $path = Join-Path $TestDrive ("sessions-{0}.csv" -f [guid]::NewGuid())
        Set-Content -Path $path -Value $Lines -Encoding UTF8
        $path
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'Update-WorkflowSession' {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        Set-NermOptions '{"statusOnlyThroughStatusUid":false}'
        Connect-NermTenant -Uri $Emulator.Uri -Token $SecureKey
    }

    It 'applies 20 rows for one session in input order under uneven latency: the last row wins' {
        # Every third PATCH answers 300 ms late; a later row for the same session must not overtake it.
        Set-GovernanceEmulatorFault -Emulator $Emulator -Api nerm -Method PATCH -LatencyMs 300 -Every 3
        $id = Get-SessionId 1
        $csv = New-SessionCsv (@('Id,Attribute.department_uid') + (1..20 | ForEach-Object { "$id,value$_" }))

        $results = @(Import-Csv $csv | Update-WorkflowSession)

        $results.Count | Should -Be 20
        $applied = @(Get-PatchRequests | ForEach-Object { ($_.body | ConvertFrom-Json).workflow_session.attributes.department_uid })
        $applied | Should -Be @(1..20 | ForEach-Object { "value$_" })
        (Get-WorkflowSession -Id $id).Attributes['department_uid'] | Should -Be 'value20'
    }

    It 'turns a CSV with Attribute.<uid> columns into typed sessions, one per row, in input order' {
        $csv = New-SessionCsv @(
            'Id,Status,RequesterType,Attribute.department_uid,Attribute.end_date_uid'
            "$(Get-SessionId 3),approved,,Finance,01/15/2026"
            "$(Get-SessionId 1),,User,Legal,"
            "$ExampleId,completed,,,"
        )

        $results = @(Import-Csv $csv | Update-WorkflowSession)

        $results.Count | Should -Be 3
        $results | ForEach-Object { $_ | Should -BeOfType 'GovernanceModule.Core.Nerm.WorkflowSessionResult' }
        $results.Id | Should -Be @((Get-SessionId 3), (Get-SessionId 1), $ExampleId)
        $results[0].Status | Should -Be 'approved'
        $results[0].Attributes['department_uid'] | Should -Be 'Finance'
        $results[0].Attributes['end_date_uid'] | Should -Be '01/15/2026'
        $results[1].Attributes['department_uid'] | Should -Be 'Legal'
        $results[2].Status | Should -Be 'completed'

        # Empty cells are left out of the request: the second row sends no status, the third no attributes.
        $bodies = Get-PatchRequests | ForEach-Object { $_.body | ConvertFrom-Json }
        $bodies.Count | Should -Be 3
        $second = $bodies | Where-Object { $_.workflow_session.attributes.department_uid -eq 'Legal' }
        $second.workflow_session.PSObject.Properties.Name | Should -Not -Contain 'status'
        $second.workflow_session.attributes.PSObject.Properties.Name | Should -Be @('department_uid')
        $third = $bodies | Where-Object { $_.workflow_session.status -eq 'completed' }
        $third.workflow_session.PSObject.Properties.Name | Should -Be @('status')
    }

    It 'sends nothing under -WhatIf' {
        $csv = New-SessionCsv @('Id,Status', "$ExampleId,approved", "$(Get-SessionId 1),completed")

        $results = @(Import-Csv $csv | Update-WorkflowSession -WhatIf)

        $results.Count | Should -Be 0
        (Get-PatchRequests).Count | Should -Be 0
    }

    It 'refuses an invalid status before any request, naming the closest valid values and where to see all' {
        $results = @(Update-WorkflowSession -Id $ExampleId -Status 'Completed' -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 0
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkflowSessionInvalidInput,*'
        $failures[0].Exception.Message | Should -BeLike "*Status 'Completed'*Did you mean 'completed'?*"
        $failures[0].Exception.Message | Should -Match 'Closest valid values: completed, '
        $failures[0].Exception.Message | Should -Match 'all 61: .*Get-Help Update-WorkflowSession -Parameter Status'
        # A few lines at 80 columns, not the 61 values.
        $failures[0].Exception.Message | Should -Not -Match 'AUTH-STATUS9'
        $failures[0].Exception.Message.Length | Should -BeLessThan 400
        (Get-PatchRequests).Count | Should -Be 0
    }

    It 'refuses a member given empty on the command line instead of clearing it' {
        Update-WorkflowSession -Id $ExampleId -ProfileId '' -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null

        $failures.Count | Should -Be 1
        $failures[0].Exception.Message | Should -BeLike '*ProfileId is empty*'
        (Get-PatchRequests).Count | Should -Be 0
    }

    It 'names the row of an invalid CSV row and sends the others' {
        $csv = New-SessionCsv @('Id,Status', "$ExampleId,Approved", "$(Get-SessionId 1),approved")

        $results = @(Import-Csv $csv | Update-WorkflowSession -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Id | Should -Be @((Get-SessionId 1))
        $failures.Count | Should -Be 1
        $failures[0].Exception.Message | Should -BeLike "Row 1 (session $ExampleId)*"
        $failures[0].TargetObject.Id | Should -Be $ExampleId
        (Get-PatchRequests).Count | Should -Be 1
    }

    It 'reports an unknown session as ObjectNotFound with the row as target, and goes on' {
        $unknown = '11111111-2222-4333-8444-555555555555'
        $csv = New-SessionCsv @('Id,Status', "$unknown,approved", "$ExampleId,approved")

        $results = @(Import-Csv $csv | Update-WorkflowSession -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Id | Should -Be @($ExampleId)
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkflowSessionNotFound,*'
        $failures[0].TargetObject.Id | Should -Be $unknown
    }

    It 'lists each field message of a 400 validation error' {
        Update-WorkflowSession -Id $ExampleId -RequesterType NeaccessRegistrant -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null

        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -BeLike '*The workflow session failed to create/update: requester_type: is not included in the list*'
        # The fields NERM refused and its own answer stay with the error, for scripts that sort failures.
        $failures[0].ErrorDetails.RecommendedAction | Should -Be 'Correct requester_type and send the input again.'
        $failures[0].Exception.FieldErrors.Key | Should -Be @('requester_type')
        $failures[0].Exception.ResponseBody | Should -BeLike '*"errors"*requester_type*'
    }

    It 'takes sessions from Get-WorkflowSession by Id only' {
        $result = Get-WorkflowSession -Id (Get-SessionId 4) | Update-WorkflowSession -Status approved

        $result.Status | Should -Be 'approved'
        $body = (Get-PatchRequests)[0].body | ConvertFrom-Json
        $body.workflow_session.PSObject.Properties.Name | Should -Be @('status')
    }

    It 'sends many rows concurrently and still writes one result per row in input order' {
        $ids = 1..60 | ForEach-Object { Get-SessionId $_ }

        $results = @($ids | ForEach-Object { [pscustomobject]@{ Id = $_; Status = 'completed' } } | Update-WorkflowSession -ThrottleLimit 8)

        $results.Id | Should -Be $ids
        (Get-PatchRequests).Count | Should -Be 60
    }

    It 'shows sessions as a table' {
        $table = Update-WorkflowSession -Id $ExampleId -Status approved | Format-Table | Out-String

        $table | Should -Match 'Id\s+Status\s+RequesterType'
    }

    It 'tells what it sent under -Verbose and never the token' {
        $verbose = Update-WorkflowSession -Id $ExampleId -Status approved -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        ($verbose.Message -join "`n") | Should -Match "PATCH http://127\.0\.0\.1:\d+/api/workflow_sessions/$ExampleId.*200"
        ($verbose.Message -join "`n") | Should -Not -Match ([regex]::Escape($ApiKey))
    }

    It 'stops with a terminating error when no connection was made in the runspace' {
        $ps = [powershell]::Create()
        try {
            # Only a terminating error reaches the catch block without -ErrorAction Stop; a non-terminating one would let 'went on' through.
            $null = $ps.AddScript("Import-Module '$ModulePath'; try { Update-WorkflowSession -Id $ExampleId -Status approved; 'went on' } catch { `$_ }")
            $output = @($ps.Invoke())
            $output.Count | Should -Be 1
            $output[0] | Should -BeOfType System.Management.Automation.ErrorRecord
            $output[0].Exception.Message | Should -BeLike '*Connect-NermTenant*'
            $output[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Get-WorkflowSession' {
    BeforeAll {
        Reset-GovernanceEmulator -Emulator $Emulator
        Connect-NermTenant -Uri $Emulator.Uri -Token $SecureKey
    }

    It 'lists every page of a filter' {
        $sessions = @(Get-WorkflowSession -Status 'pending approval' -PageSize 50)

        $sessions.Count | Should -BeGreaterThan 50
        $sessions | ForEach-Object { $_.Status | Should -Be 'pending_approval' }
        @($sessions.Id | Select-Object -Unique).Count | Should -Be $sessions.Count
    }

    It 'refuses a status the list filter does not know before any request' {
        { Get-WorkflowSession -Status 'AUTH-STATUS1' } | Should -Throw "*list filter takes. Closest valid values: *(all 62: *Get-Help Get-WorkflowSession -Parameter Status lists them)."
    }

    It 'stops a filter value it can refuse itself with WorkflowSessionInvalidInput, the id of every bad input' {
        $stop = try { Get-WorkflowSession -WorkflowId 'not-a-uuid' | Out-Null; $null } catch { $_ }
        $stop.FullyQualifiedErrorId | Should -BeLike 'WorkflowSessionInvalidInput,*'
        [string]$stop.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $stop.Exception.Message | Should -BeLike "*WorkflowId 'not-a-uuid' is not a UUID*"
    }

    It 'reads sessions by id and reports an unknown one as ObjectNotFound' {
        $found = @(Get-WorkflowSession -Id $ExampleId, '11111111-2222-4333-8444-555555555555' -ErrorVariable failures -ErrorAction SilentlyContinue)

        $found.Id | Should -Be @($ExampleId)
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows examples in help' {
        foreach ($name in 'Connect-NermTenant', 'Update-WorkflowSession', 'Get-WorkflowSession') {
            @((Get-Help $name -Examples).examples.example).Count | Should -BeGreaterThan 0
        }
        (Get-Help Update-WorkflowSession -Examples | Out-String) | Should -Match 'Import-Csv .*\| Update-WorkflowSession'
    }
}

Describe 'Connect-NermTenant' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'exchanges ISC client credentials once and reuses the token for many updates' {
        $secret = ConvertTo-SecureString 'Demo-Client-Secret-0001' -AsPlainText -Force
        $connection = Connect-NermTenant -Uri $Emulator.Uri -ClientId 'emulator-demo-client' -ClientSecret $secret -IscUri $Emulator.Uri -PassThru

        $results = @(1..20 | ForEach-Object { [pscustomobject]@{ Id = (Get-SessionId $_); Status = 'approved' } } | Update-WorkflowSession)

        $results.Count | Should -Be 20
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api isc | Where-Object { $_.path -eq '/oauth/token' }).Count | Should -Be 1
        $connection.TokensFetched | Should -Be 1
        "$connection" | Should -Match 'emulator-demo-client'
        ($connection | Format-List * | Out-String) | Should -Not -Match 'Demo-Client-Secret-0001'
    }

    It 'reads its settings from environment variables' {
        $saved = @{ NERM_TOKEN = $env:NERM_TOKEN; SAIL_NERM_BASE_URL = $env:SAIL_NERM_BASE_URL; NERM_STATUS_MEMBER = $env:NERM_STATUS_MEMBER }
        try {
            $env:NERM_TOKEN = $ApiKey
            $env:SAIL_NERM_BASE_URL = $Emulator.Uri
            $env:NERM_STATUS_MEMBER = 'status_uid'

            $connection = Connect-NermTenant -PassThru

            $connection.Uri | Should -Be "$($Emulator.Uri)/api/"
            $connection.StatusMember | Should -Be 'StatusUid'
            Update-WorkflowSession -Id $ExampleId -Status approved -Connection $connection | Out-Null
            (Get-PatchRequests)[0].body | Should -BeLike '*"status_uid":"approved"*'
        }
        finally {
            foreach ($name in $saved.Keys) {
                if ($null -eq $saved[$name]) { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
                else { Set-Item "env:$name" -Value $saved[$name] }
            }
        }
    }

    It 'refuses a wrong API key with a terminating error that does not show the key' {
        $wrong = ConvertTo-SecureString 'not-the-key-123' -AsPlainText -Force

        { Connect-NermTenant -Uri $Emulator.Uri -Token $wrong } | Should -Throw '*401*'
        try { Connect-NermTenant -Uri $Emulator.Uri -Token $wrong } catch { $_.Exception.Message | Should -Not -Match 'not-the-key-123' }
    }
}
