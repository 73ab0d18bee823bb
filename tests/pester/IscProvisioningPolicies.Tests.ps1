#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The ISC provisioning-policy cmdlets as users meet them: the built module, a real emulator process, pipelines.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module $ModulePath -Force
    $script:Emulator = Start-GovernanceEmulator
    $script:ClientId = 'emulator-demo-client'
    $script:Secret = 'Demo-Client-Secret-0001'
    $script:Credential = [pscredential]::new($ClientId, (ConvertTo-SecureString $Secret -AsPlainText -Force))
    $script:SourceId = '2c9180835d191a86015d28455b4a2329'
    Connect-IscTenant -Uri $Emulator.Uri -Credential $Credential

    function script:Get-IscRequests {
        param([string] $Method)
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api isc | Where-Object { -not $Method -or $_.method -eq $Method })
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'Get-ProvisioningPolicy' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'returns the typed policy with its typed fields' {
        $policy = Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE

        $policy | Should -BeOfType ([GovernanceModule.Core.Isc.ProvisioningPolicy])
        $policy.SourceId | Should -Be $SourceId
        $policy.Name | Should -Be 'example provisioning policy for inactive identities'
        $policy.Fields[0].Name | Should -Be 'userName'
        $policy.Fields[0].Transform['type'] | Should -Be 'rule'
        $policy.Fields[0].Attributes['cloudMaxSize'] | Should -Be '20'
        $policy.Fields[0].IsRequired | Should -BeFalse
    }

    It 'lists every policy of a source piped in by property name, as a table' {
        $policies = @([pscustomobject]@{ Id = $SourceId } | Get-ProvisioningPolicy)

        $policies.UsageType | Should -Be @('CREATE', 'UPDATE', 'DISABLE')
        ($policies | Format-Table | Out-String) | Should -Match "SourceId: $SourceId\s+UsageType\s+Name\s+Fields"
    }

    It 'reports a missing policy as ObjectNotFound with the trackingId in ErrorDetails' {
        $result = Get-ProvisioningPolicy -SourceId $SourceId -UsageType ENABLE -ErrorVariable failures -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyNotFound,*'
        $failures[0].Exception.Message | Should -BeLike '*404 Not found*'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'trackingId [0-9a-f]{32}'
    }

    It 'refuses an undocumented usage type unless asked for, before any request' {
        Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE_MACHINE_ACCOUNT -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyInvalidInput,*'
        $failures[0].Exception.Message | Should -BeLike '*-AllowUndocumentedUsageType*'
        (Get-IscRequests).Count | Should -Be 0
    }
}

Describe 'Edit-ProvisioningPolicy' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'takes a policy changed in place from the pipeline and sends a guarded JSON Patch' {
        $results = @(Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE | ForEach-Object { $_.Description = 'x'; $_ } | Edit-ProvisioningPolicy)

        $results.Count | Should -Be 1
        $results[0].Status | Should -Be 'Updated'
        $results[0].Succeeded | Should -BeTrue
        $results[0].Policy.Description | Should -Be 'x'
        (Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE).Description | Should -Be 'x'

        $patch = Get-IscRequests -Method PATCH
        $patch.Count | Should -Be 1
        $patch[0].headers.'Content-Type' | Should -BeLike 'application/json-patch+json*'
        $operations = $patch[0].body | ConvertFrom-Json
        $operations[0].op | Should -Be 'test'
        $operations[-1].op | Should -Be 'replace'
        $operations[-1].path | Should -Be '/description'
    }

    It 'edits every policy of a source in one pipeline, one result each' {
        $results = @(Get-ProvisioningPolicy -SourceId $SourceId | ForEach-Object { $_.Description = "reviewed $($_.UsageType)"; $_ } | Edit-ProvisioningPolicy)

        $results.Status | Should -Be @('Updated', 'Updated', 'Updated')
        (Get-ProvisioningPolicy -SourceId $SourceId -UsageType DISABLE).Description | Should -Be 'reviewed DISABLE'
    }

    It 'sets and removes fields by name' {
        $result = Edit-ProvisioningPolicy -SourceId $SourceId -UsageType UPDATE -SetField @{ Name = 'displayName'; IsRequired = $true }, @{ Name = 'department'; Type = 'string' } -RemoveField mail

        $result.Status | Should -Be 'Updated'
        $result.Policy.Fields.Name | Should -Be @('displayName', 'department')
        $result.Policy.Fields[0].IsRequired | Should -BeTrue
    }

    It 'prints the exact patch under -WhatIf and sends no change' {
        # WhatIf messages go to the host, not to a stream: run the pipeline in a child pwsh and read its output.
        # The child connects from the environment variables runbooks use.
        # $PSHOME, not this process's path: a dotnet-tool pwsh runs inside the dotnet host.
        $pwsh = Join-Path $PSHOME 'pwsh'
        $env:SAIL_BASE_URL = $Emulator.Uri
        $env:SAIL_CLIENT_ID = $ClientId
        $env:SAIL_CLIENT_SECRET = $Secret
        try {
            $script = "Import-Module '$ModulePath'; Connect-IscTenant; Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE | ForEach-Object { `$_.Description = 'whatif-description'; `$_ } | Edit-ProvisioningPolicy -WhatIf"
            $output = (& $pwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String)
        }
        finally {
            Remove-Item Env:SAIL_BASE_URL, Env:SAIL_CLIENT_ID, Env:SAIL_CLIENT_SECRET -ErrorAction SilentlyContinue
        }

        $flat = $output -replace '\s', ''
        $flat | Should -Match 'Whatif:'
        $flat | Should -Match ([regex]::Escape('{"op":"test","path":"/description","value":"thisprovisioningpolicycreatesaccessbasedonanidentitygoinginactive"}'))
        $flat | Should -Match ([regex]::Escape('{"op":"replace","path":"/description","value":"whatif-description"}'))
        (Get-IscRequests -Method PATCH).Count | Should -Be 0
        (Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE).Description | Should -Not -Be 'whatif-description'
    }

    It 'refuses a bad operation before any request, naming it by its index from 0, as ISC does' {
        $result = Edit-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE -Operation @{ op = 'replace'; path = '/description'; value = 'fine' }, @{ op = 'frobnicate'; path = '/name' } -ErrorVariable failures -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyInvalidInput,*'
        # The second operation is 'Operation 1', as in ISC's own causes (the next test).
        $failures[0].Exception.Message | Should -BeLike "Operation 1: op 'frobnicate' is not valid*"
        (Get-IscRequests).Count | Should -Be 0
    }

    It 'sends raw operations as they are and the server applies them atomically' {
        $result = Edit-ProvisioningPolicy $SourceId CREATE -Operation @(
            @{ op = 'replace'; path = '/description'; value = 'half' }
            [pscustomobject]@{ op = 'remove'; path = '/fields/7' }
        ) -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -BeLike '*400.1 Bad Request Content*Operation 1*'
        $failures[0].ErrorDetails.Message | Should -Match 'trackingId [0-9a-f]{32}'
        $failures[0].Exception.TrackingId | Should -Match '^[0-9a-f]{32}$'
        $failures[0].Exception.ResponseBody | Should -BeLike '*400.1*'
        (Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE).Description | Should -Not -Be 'half'
    }

    It 'reports a patch whose result ISC would refuse as an error naming the member, and nothing is stored' {
        $result = Edit-ProvisioningPolicy $SourceId CREATE -Operation @{ op = 'replace'; path = '/fields/0/transform'; value = 'identityAttribute' } -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $result.Succeeded | Should -BeFalse
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -BeLike '*400.1 Bad Request Content*fields`[0`].transform: object expected*'
        (Get-IscRequests -Method PATCH)[-1].status | Should -Be 400
        (Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE).Fields[0].Transform['type'] | Should -Be 'rule'
    }

    It 'refuses a policy someone else changed since it was read and overwrites nothing' {
        $policy = Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE
        $theirs = Invoke-RestMethod "$($Emulator.Uri)/_emulator/isc/policies/$SourceId/CREATE"
        $theirs.description = 'their change'
        Invoke-RestMethod -Method Put "$($Emulator.Uri)/_emulator/isc/policies/$SourceId/CREATE" -Body ($theirs | ConvertTo-Json -Depth 10) -ContentType 'application/json' | Out-Null
        $policy.Fields[0].Type = 'secret'

        $result = $policy | Edit-ProvisioningPolicy -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'ChangedSinceRead'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyChangedSinceRead,*'
        $failures[0].Exception.Message | Should -BeLike '*changed since it was read*'
        (Get-IscRequests -Method PATCH).Count | Should -Be 0
        $stored = Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE
        $stored.Description | Should -Be 'their change'
        $stored.Fields[0].Type | Should -Be 'string'
    }

    It 'shows examples in help' {
        foreach ($name in 'Connect-IscTenant', 'Get-ProvisioningPolicy', 'Edit-ProvisioningPolicy') {
            @((Get-Help $name -Examples).examples.example).Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Edit-ProvisioningPolicy from a CSV' {
    # Name and Description bind from columns like every other input; an empty cell leaves the member as it is.
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'edits several policies, one PolicyEditResult per row, and an empty or blank cell changes nothing' {
        $rows = @(
            "SourceId,UsageType,Name,Description"
            "$SourceId,CREATE,Create renamed,"
            "$SourceId,UPDATE, ,Update described"
            "$SourceId,DISABLE,Disable renamed,Disable described"
        ) | ConvertFrom-Csv

        $results = @($rows | Edit-ProvisioningPolicy)

        $results | ForEach-Object { $_ | Should -BeOfType ([GovernanceModule.Core.Isc.PolicyEditResult]) }
        $results.UsageType | Should -Be @('CREATE', 'UPDATE', 'DISABLE')
        $results.Status | Should -Be @('Updated', 'Updated', 'Updated')
        $patches = @(Get-IscRequests -Method PATCH | ForEach-Object { , @($_.body | ConvertFrom-Json) })
        $patches.Count | Should -Be 3
        # Each patch changes what its row gave, and nothing else: no operation on a member whose cell was empty.
        @($patches[0] | Where-Object op -ne 'test' | ForEach-Object path) | Should -Be @('/name')
        @($patches[1] | Where-Object op -ne 'test' | ForEach-Object path) | Should -Be @('/description')
        @($patches[2] | Where-Object op -ne 'test' | ForEach-Object path | Sort-Object) | Should -Be @('/description', '/name')
        $stored = Get-ProvisioningPolicy -SourceId $SourceId
        ($stored | Where-Object UsageType -eq CREATE).Description | Should -Be 'this provisioning policy creates access based on an identity going inactive'
        ($stored | Where-Object UsageType -eq UPDATE).Description | Should -Be 'Update described'
        ($stored | Where-Object UsageType -eq CREATE).Fields.Count | Should -BeGreaterThan 0 -Because 'a CSV row must never become a policy without fields'
    }

    It 'never turns a CSV row into a policy object: a row with nothing to change is refused, naming the row, and nothing is sent' {
        $rows = @("SourceId,UsageType,Name", "$SourceId,CREATE,") | ConvertFrom-Csv

        $results = @($rows | Edit-ProvisioningPolicy -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 0
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyInvalidInput,*'
        $failures[0].Exception.Message | Should -BeLike 'Row 1: Nothing to change*CSV columns Name, Description*'
        Get-IscRequests -Method PATCH | Should -BeNullOrEmpty
    }

    It 'edits a piped policy changed in place, also given as -InputObject, and refuses one piped with named changes' {
        $policy = Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE
        $policy.Description = 'changed in place'
        ($policy | Edit-ProvisioningPolicy).Status | Should -Be 'Updated'

        $policy = Get-ProvisioningPolicy -SourceId $SourceId -UsageType UPDATE
        $policy.Name = 'given as InputObject'
        (Edit-ProvisioningPolicy -InputObject $policy).Status | Should -Be 'Updated'

        $before = @(Get-IscRequests -Method PATCH).Count
        $results = @($policy | Edit-ProvisioningPolicy -Description 'both' -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 0
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyInvalidInput,*'
        $failures[0].Exception.Message | Should -BeLike '*Give a changed policy, or the changes to make*not both*'
        @(Get-IscRequests -Method PATCH).Count | Should -Be $before
    }
}

Describe 'Connect-IscTenant' {
    It 'refuses a wrong secret with a terminating error that does not echo it' {
        $wrong = [pscredential]::new($ClientId, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))

        { Connect-IscTenant -Uri $Emulator.Uri -Credential $wrong } | Should -Throw '*invalid_client*'
    }

    It 'returns a connection that shows the client id and never the secret' {
        $connection = Connect-IscTenant -Uri $Emulator.Uri -ClientId $ClientId -ClientSecret (ConvertTo-SecureString $Secret -AsPlainText -Force) -PassThru

        $connection.ClientId | Should -Be $ClientId
        ($connection | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Secret))
        "$connection" | Should -Not -Match ([regex]::Escape($Secret))
    }

    It 'tells the missing piece when neither parameters nor environment variables give a client' {
        Remove-Item Env:SAIL_CLIENT_ID, Env:SAIL_CLIENT_SECRET -ErrorAction SilentlyContinue

        { Connect-IscTenant -Uri $Emulator.Uri } | Should -Throw '*SAIL_CLIENT_ID*'
    }
}

Describe 'README''s ISC examples' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'run as written against the emulator: its connect block, then the three ways to edit' {
        $readme = Get-Content -Raw -LiteralPath (Join-Path $Root 'README.md')
        # The code block that follows a sentence of README, with the emulator's port for the one README assumes.
        $blockAfter = {
            param([string] $Lead)
            $start = $readme.IndexOf($Lead)
            $start | Should -BeGreaterThan 0 -Because "README has '$Lead'"
            $match = [regex]::Match($readme.Substring($start), '```powershell\r?\n(?<code>.*?)```', 'Singleline')
            $match.Groups['code'].Value.Replace('http://127.0.0.1:5080', $Emulator.Uri.ToString().TrimEnd('/'))
        }
        $connect = & $blockAfter 'Against the emulator (started with'
        $edits = & $blockAfter '**Three ways to edit.**'

        $results = @(& ([scriptblock]::Create($connect + "`n" + $edits)) -ErrorAction Stop)

        $results.Count | Should -Be 3
        $results.Status | Should -Be @('Updated', 'Updated', 'Updated')
        @(Get-IscRequests -Method PATCH).Count | Should -Be 3
        $update = Get-ProvisioningPolicy -SourceId $SourceId -UsageType UPDATE
        $update.Fields.Name | Should -Not -Contain 'mail'
        ($update.Fields | Where-Object Name -eq 'displayName').IsRequired | Should -BeTrue
    }
}
