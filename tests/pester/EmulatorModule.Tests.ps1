#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The emulator as a PowerShell module of its own (out/GovernanceModule.Emulator), used as a runbook author would:
# start it, connect GovernanceModule with the credentials it returns, read its journal, inject a fault, reset, stop.
# Windows PowerShell 5.1 syntax only.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:EmulatorModuleFolder = Join-Path $Root 'out/GovernanceModule.Emulator'
    $script:EmulatorModulePath = Join-Path $EmulatorModuleFolder 'GovernanceModule.Emulator.psd1'
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module $EmulatorModulePath -Force
    Import-Module $ModulePath -Force

    $script:Emulator = Start-GovernanceEmulator
    $script:SessionId = '00000000-0000-4000-8000-000000000003'
    $script:SourceId = '2c9180835d191a86015d28455b4a2329'
    $script:OnWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
    $script:Exported = @(
        'Start-GovernanceEmulator', 'Stop-GovernanceEmulator', 'Get-GovernanceEmulatorRequest',
        'Set-GovernanceEmulatorFault', 'Clear-GovernanceEmulatorFault', 'Reset-GovernanceEmulator'
    )

    function script:Test-ProcessAlive {
        param([int] $Id)
        $process = Get-Process -Id $Id -ErrorAction SilentlyContinue
        if (-not $process) { return $false }
        # On Linux a process that has ended but is not reaped yet (a zombie, state Z) is not running either.
        $stat = "/proc/$Id/stat"
        if (Test-Path -LiteralPath $stat) {
            $state = ((Get-Content -LiteralPath $stat -Raw) -replace '^.*\)\s+', '').Substring(0, 1)
            if ($state -eq 'Z' -or $state -eq 'X') { return $false }
        }
        $true
    }

    function script:Wait-ProcessGone {
        param([int] $Id, [int] $TimeoutSec = 20)
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while ((Test-ProcessAlive $Id) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        -not (Test-ProcessAlive $Id)
    }

    function script:Get-FaultRules {
        param($Instance = $Emulator)
        # Piping unrolls the journal array whether Invoke-RestMethod wrote it as one object or item by item.
        @(Invoke-RestMethod -Uri "$($Instance.Uri)/_emulator/faults" -UseBasicParsing | ForEach-Object { $_ })
    }

    function script:Get-OigTaskNote {
        (Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/oig/tasks/6" -UseBasicParsing).note
    }

    function script:Get-CurrentEmulatorId {
        InModuleScope GovernanceModule.Emulator {
            if ($script:Current) { $script:Current.ProcessId }
        }
    }

    function script:New-FakeDotnet {
        # A "dotnet" whose --list-runtimes prints the given lines, in a folder of its own.
        param([string[]] $Runtime)
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        if ($OnWindows) {
            $path = Join-Path $folder 'dotnet.cmd'
            Set-Content -LiteralPath $path -Value (@('@echo off') + @($Runtime | ForEach-Object { "echo $_" })) -Encoding Ascii
        }
        else {
            $path = Join-Path $folder 'dotnet'
            Set-Content -LiteralPath $path -Value (@('#!/bin/sh') + @($Runtime | ForEach-Object { "echo '$_'" })) -Encoding Ascii
            & chmod +x $path
        }
        $path
    }
}

AfterAll {
    Get-Module GovernanceModule.Emulator | ForEach-Object { Stop-GovernanceEmulator -Emulator $Emulator }
    Remove-Module GovernanceModule, GovernanceModule.Emulator -ErrorAction SilentlyContinue
}

Describe 'The GovernanceModule.Emulator module' {
    It 'has a Gallery-ready manifest with explicit exports for Windows PowerShell 5.1 and PowerShell 7' {
        $manifest = Test-ModuleManifest -Path $EmulatorModulePath -ErrorAction Stop

        @($manifest.ExportedFunctions.Keys | Sort-Object) | Should -Be @($Exported | Sort-Object)
        $manifest.ExportedCmdlets.Count | Should -Be 0
        $manifest.ExportedAliases.Count | Should -Be 0
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        @($manifest.CompatiblePSEditions | Sort-Object) | Should -Be @('Core', 'Desktop')
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -BeLike '*ASP.NET Core Runtime 8.0 or later*'
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'PSEdition_Desktop'
        Join-Path $EmulatorModuleFolder 'bin/GovernanceModule.Emulator.dll' | Should -Exist
        (Get-Command -Module GovernanceModule.Emulator | Measure-Object).Count | Should -Be $Exported.Count
    }

    It 'uses no syntax that Windows PowerShell 5.1 lacks (??, ?., ternary, &&, ||)' {
        $tokens = $null
        $errors = $null
        $files = @(Get-ChildItem -Path $EmulatorModuleFolder -Filter '*.ps*1') + @(Get-Item -LiteralPath $PSCommandPath)
        foreach ($file in $files) {
            $null = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $tokens, [ref] $errors)
            $errors | Should -BeNullOrEmpty
            $newer = @($tokens | Where-Object { @('QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'QuestionMark', 'AndAnd', 'OrOr') -contains "$($_.Kind)" })
            @($newer | ForEach-Object { "$($file.Name):$($_.Extent.StartLineNumber) $($_.Text)" }) | Should -BeNullOrEmpty
        }
    }

    It '<Name> has help (synopsis, description, every parameter, an example) and an OutputType' -ForEach @(
        @{ Name = 'Start-GovernanceEmulator' }, @{ Name = 'Stop-GovernanceEmulator' }, @{ Name = 'Get-GovernanceEmulatorRequest' },
        @{ Name = 'Set-GovernanceEmulatorFault' }, @{ Name = 'Clear-GovernanceEmulatorFault' }, @{ Name = 'Reset-GovernanceEmulator' }
    ) {
        $command = Get-Command $Name -Module GovernanceModule.Emulator
        $help = Get-Help $Name -Full

        $command.CmdletBinding | Should -BeTrue
        @($command.OutputType).Count | Should -BeGreaterThan 0
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name *[<CommonParameters>]*"
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in @($command.Parameters.Keys | Where-Object { $common -notcontains $_ })) {
            $described = @($help.Parameters.Parameter | Where-Object { $_.Name -eq $parameter -and ($_.Description | Out-String).Trim() })
            $described.Count | Should -Be 1 -Because "-$parameter of $Name needs a description"
        }
    }

    It 'supports -WhatIf on exactly the functions that change state' {
        $changing = @('Start-GovernanceEmulator', 'Stop-GovernanceEmulator', 'Set-GovernanceEmulatorFault', 'Clear-GovernanceEmulatorFault', 'Reset-GovernanceEmulator')
        foreach ($name in $Exported) {
            $supports = (Get-Command $name -Module GovernanceModule.Emulator).Parameters.ContainsKey('WhatIf')
            $supports | Should -Be ($changing -contains $name) -Because $name
        }
    }

    It 'says in the help of Start-GovernanceEmulator that it needs the ASP.NET Core Runtime 8 or later' {
        (Get-Help Start-GovernanceEmulator -Full | Out-String) | Should -BeLike '*ASP.NET Core Runtime 8.0 or later*'
    }
}

Describe 'Start-GovernanceEmulator' {
    It 'returns a running emulator on a free loopback port that answers at Uri, with the demo credentials' {
        $Emulator.PSTypeNames[0] | Should -Be 'GovernanceModule.Emulator.Instance'
        $Emulator.Uri | Should -Match '^http://127\.0\.0\.1:\d+$'
        ([uri] $Emulator.Uri).Port | Should -Not -Be 0
        (Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/health" -UseBasicParsing).status | Should -Be 'ok'
        Test-ProcessAlive $Emulator.ProcessId | Should -BeTrue
        $Emulator.Process.Id | Should -Be $Emulator.ProcessId

        $Emulator.OigCredential | Should -BeOfType ([System.Management.Automation.PSCredential])
        $Emulator.OigCredential.UserName | Should -Be 'xelsysadm'
        $Emulator.OigCredential.GetNetworkCredential().Password | Should -Be 'Demo-Passw0rd!'
        $Emulator.NermToken | Should -BeOfType ([System.Security.SecureString])
        [System.Net.NetworkCredential]::new('', $Emulator.NermToken).Password | Should -Be 'nerm-demo-api-key-0001'
        $Emulator.IscCredential.UserName | Should -Be 'emulator-demo-client'
        $Emulator.IscCredential.GetNetworkCredential().Password | Should -Be 'Demo-Client-Secret-0001'
        Get-CurrentEmulatorId | Should -Be $Emulator.ProcessId
    }

    It 'listens on the -Port asked for, is the current emulator while it runs, and the earlier one is again once it stops' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()

        $second = Start-GovernanceEmulator -Port $port -ArgumentList '--Emulator:OigGeneratedTasks', '5'
        try {
            $second.Uri | Should -Be "http://127.0.0.1:$port"
            (Invoke-RestMethod -Uri "$($second.Uri)/_emulator/options" -UseBasicParsing).oigGeneratedTasks | Should -Be 5
            Get-CurrentEmulatorId | Should -Be $second.ProcessId
        }
        finally {
            Stop-GovernanceEmulator -Emulator $second
        }
        Test-ProcessAlive $second.ProcessId | Should -BeFalse
        Get-CurrentEmulatorId | Should -Be $Emulator.ProcessId
    }

    It 'says why when the emulator cannot start (its port is taken), and keeps no instance of it' {
        $before = InModuleScope GovernanceModule.Emulator { $script:Started.Count }

        $failure = $null
        try { Start-GovernanceEmulator -Port ([uri] $Emulator.Uri).Port } catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Be 'EmulatorStartFailed,Start-GovernanceEmulator'
        $failure.Exception.Message | Should -BeLike 'The emulator exited during startup (exit code *). It said:*Failed to bind to address*'
        InModuleScope GovernanceModule.Emulator { $script:Started.Count } | Should -Be $before
        Get-CurrentEmulatorId | Should -Be $Emulator.ProcessId
    }

    It 'passes -ArgumentList to the emulator, and reports what it printed when it refuses them' {
        $failure = $null
        try { Start-GovernanceEmulator -ArgumentList '--Emulator:OigGeneratedTasks', '-5' } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -Be 'EmulatorStartFailed,Start-GovernanceEmulator'
        $failure.Exception.Message | Should -BeLike '*OigGeneratedTasks must be between 0 and 10000000*'
    }

    It 'passes --Emulator:Strict true to the emulator with -Strict, and nothing of it without' {
        $strict = Start-GovernanceEmulator -Strict
        try {
            (Invoke-RestMethod -Uri "$($strict.Uri)/_emulator/health" -UseBasicParsing).status | Should -Be 'ok'
            (Get-Process -Id $strict.ProcessId).CommandLine | Should -Match '--Emulator:Strict true'
        }
        finally {
            Stop-GovernanceEmulator -Emulator $strict
        }
        (Get-Process -Id $Emulator.ProcessId).CommandLine | Should -Not -Match 'Strict'
    }

    It 'starts nothing under -WhatIf' {
        $before = InModuleScope GovernanceModule.Emulator { $script:Started.Count }

        Start-GovernanceEmulator -WhatIf | Should -BeNullOrEmpty

        InModuleScope GovernanceModule.Emulator { $script:Started.Count } | Should -Be $before
        Get-CurrentEmulatorId | Should -Be $Emulator.ProcessId
    }

    It 'ignores the Ctrl+C (SIGINT) that the terminal sends to the whole process group' -Skip:$OnWindows {
        & kill -INT $Emulator.ProcessId
        Start-Sleep -Milliseconds 1500

        Test-ProcessAlive $Emulator.ProcessId | Should -BeTrue
        (Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/health" -UseBasicParsing).status | Should -Be 'ok'
    }

    It 'names what to install when no dotnet has Microsoft.AspNetCore.App 8 or later, and starts nothing' {
        $old = New-FakeDotnet 'Microsoft.NETCore.App 8.0.11 [/opt/dotnet/shared/Microsoft.NETCore.App]', 'Microsoft.AspNetCore.App 7.0.20 [/opt/dotnet/shared/Microsoft.AspNetCore.App]'
        $bare = New-FakeDotnet 'Microsoft.NETCore.App 9.0.1 [/opt/dotnet/shared/Microsoft.NETCore.App]'
        Mock -ModuleName GovernanceModule.Emulator Get-EmulatorDotnetCandidate ([scriptblock]::Create("'$old'; '$bare'"))
        $before = InModuleScope GovernanceModule.Emulator { $script:Started.Count }

        $failure = $null
        try { Start-GovernanceEmulator } catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Be 'AspNetCoreRuntimeNotFound,Start-GovernanceEmulator'
        $failure.CategoryInfo.Category | Should -Be 'NotInstalled'
        $failure.Exception.Message | Should -BeLike '*needs the ASP.NET Core Runtime 8.0 or later*'
        $failure.Exception.Message | Should -BeLike "*$old (Microsoft.AspNetCore.App 7.0.20 only)*"
        $failure.Exception.Message | Should -BeLike "*$bare (no Microsoft.AspNetCore.App)*"
        $failure.Exception.Message | Should -BeLike '*Install the ASP.NET Core Runtime 8.0 or later*DOTNET_ROOT*'
        InModuleScope GovernanceModule.Emulator { $script:Started.Count } | Should -Be $before
    }

    It 'takes the first dotnet with Microsoft.AspNetCore.App 8 or later, any later major included' {
        $old = New-FakeDotnet 'Microsoft.AspNetCore.App 6.0.36 [/x]'
        $newer = New-FakeDotnet 'Microsoft.AspNetCore.App 7.0.20 [/x]', 'Microsoft.AspNetCore.App 10.0.1 [/x]'
        $eight = New-FakeDotnet 'Microsoft.AspNetCore.App 8.0.11 [/x]'

        $chosen = InModuleScope GovernanceModule.Emulator -Parameters @{ Candidates = @($old, $newer, $eight) } {
            param($Candidates)
            Resolve-EmulatorDotnet -Candidate $Candidates
        }

        $chosen | Should -Be $newer
    }

    It 'looks for dotnet on PATH first, then in DOTNET_ROOT' -Skip:$OnWindows {
        # (Skipped on Windows, where a fake dotnet would have to be a real dotnet.exe.)
        $onPath = New-FakeDotnet 'Microsoft.AspNetCore.App 8.0.11 [/x]'
        $inRoot = New-FakeDotnet 'Microsoft.AspNetCore.App 8.0.11 [/x]'
        $savedPath = $env:PATH
        $savedRoot = $env:DOTNET_ROOT
        try {
            $env:PATH = Split-Path $onPath -Parent
            $env:DOTNET_ROOT = Split-Path $inRoot -Parent
            $both = @(InModuleScope GovernanceModule.Emulator { Get-EmulatorDotnetCandidate })
            $env:PATH = Join-Path $TestDrive 'nothing-here'
            $rootOnly = @(InModuleScope GovernanceModule.Emulator { Get-EmulatorDotnetCandidate })
        }
        finally {
            $env:PATH = $savedPath
            $env:DOTNET_ROOT = $savedRoot
        }

        $both[0] | Should -Be $onPath
        $both[1] | Should -Be $inRoot
        $rootOnly[0] | Should -Be $inRoot
    }
}

Describe 'GovernanceModule connected to the emulator: one change per API, seen in the journal' {
    BeforeAll {
        Reset-GovernanceEmulator
        Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential
        $script:OigResult = Set-ProvTask -TaskId 6 -Note 'set through the emulator module'
        Connect-NermTenant -Uri $Emulator.Uri -Token $Emulator.NermToken
        $script:NermResult = Update-WorkflowSession -Id $SessionId -Status completed
        Connect-IscTenant -Uri $Emulator.Uri -Credential $Emulator.IscCredential
        $script:IscResult = Edit-ProvisioningPolicy -SourceId $SourceId -UsageType UPDATE -Description 'set through the emulator module'
    }

    It 'OIG: Connect-OigServer with OigCredential, and Set-ProvTask sent exactly one PUT' {
        $OigResult.Succeeded | Should -BeTrue
        $puts = @(Get-GovernanceEmulatorRequest -Api oig -Method PUT)

        $puts.Count | Should -Be 1
        $puts[0].PSTypeNames[0] | Should -Be 'GovernanceModule.Emulator.Request'
        $puts[0].Api | Should -Be 'oig'
        $puts[0].Path | Should -Be '/iam/governance/selfservice/api/v1/provtasks/6'
        $puts[0].Status | Should -Be 200
        $puts[0].Outcome | Should -Be 'answered'
        $puts[0].Headers['Authorization'] | Should -Be 'Basic ***'
        $puts[0].Body | Should -BeLike '*set through the emulator module*'
        $puts[0].Time | Should -BeOfType ([System.DateTimeOffset])
        @(Get-GovernanceEmulatorRequest -Api oig).Count | Should -Be 2 -Because 'Set-ProvTask reads the task (GET) before its PUT'
    }

    It 'NERM: Connect-NermTenant with NermToken, and Update-WorkflowSession sent exactly one PATCH' {
        $NermResult.Status | Should -Be 'completed'
        $patches = @(Get-GovernanceEmulatorRequest -Api nerm -Method PATCH)

        $patches.Count | Should -Be 1
        $patches[0].Path | Should -BeLike "*/$SessionId"
        $patches[0].Status | Should -Be 200
        $patches[0].Headers['Authorization'] | Should -Be 'Bearer ***'
    }

    It 'ISC: Connect-IscTenant with IscCredential, one token request and one PATCH' {
        $IscResult.Status | Should -Be 'Updated'

        @(Get-GovernanceEmulatorRequest -Api isc -Method POST -Path '/oauth/token').Count | Should -Be 1
        $patches = @(Get-GovernanceEmulatorRequest -Api isc -Method PATCH)
        $patches.Count | Should -Be 1
        $patches[0].Path | Should -BeLike "*/$SourceId/provisioning-policies/UPDATE"
    }

    It 'writes each request as one object: the filtered counts add up to the whole journal' {
        $all = @(Get-GovernanceEmulatorRequest)
        $byApi = @('oig', 'nerm', 'isc') | ForEach-Object { @(Get-GovernanceEmulatorRequest -Api $_).Count }

        $all.Count | Should -Be (($byApi | Measure-Object -Sum).Sum)
        $all.Count | Should -BeGreaterThan 3
        @($all | Where-Object { $_.Api -isnot [string] }).Count | Should -Be 0
        @($all.Sequence | Sort-Object -Unique).Count | Should -Be $all.Count
        @($all.Sequence) | Should -Be @($all.Sequence | Sort-Object) -Because 'oldest first'
        @(Get-GovernanceEmulatorRequest -Api oig | ForEach-Object Api | Sort-Object -Unique) | Should -Be @('oig')
    }

    It 'filters -Method case-insensitively and by several methods, and -Path by wildcard' {
        @(Get-GovernanceEmulatorRequest -Api nerm -Method patch).Count | Should -Be 1
        @(Get-GovernanceEmulatorRequest -Method PUT, PATCH).Count | Should -Be 3
        @(Get-GovernanceEmulatorRequest -Path '*/provtasks/*').Count | Should -Be 1
        @(Get-GovernanceEmulatorRequest -Api oig -Method DELETE).Count | Should -Be 0
    }

    It 'takes the emulator from the pipeline or from -Emulator' {
        @($Emulator | Get-GovernanceEmulatorRequest -Api oig -Method PUT).Count | Should -Be 1
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api isc -Method PATCH).Count | Should -Be 1
    }
}

Describe 'Set-GovernanceEmulatorFault' {
    BeforeEach {
        Reset-GovernanceEmulator
        Connect-NermTenant -Uri $Emulator.Uri -Token $Emulator.NermToken
    }

    It 'a 404 on the next NERM PATCH (Count 1): the user sees ObjectNotFound once, then the same change goes through' {
        $fault = Set-GovernanceEmulatorFault -Api nerm -Method PATCH -StatusCode 404 -Count 1

        $fault.PSTypeNames[0] | Should -Be 'GovernanceModule.Emulator.Fault'
        $fault.StatusCode | Should -Be 404
        $fault.Count | Should -Be 1
        $fault.Drop | Should -BeNullOrEmpty
        $first = Update-WorkflowSession -Id $SessionId -Status completed -ErrorVariable failures -ErrorAction SilentlyContinue
        $first | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'

        (Update-WorkflowSession -Id $SessionId -Status completed).Status | Should -Be 'completed'
        $patches = @(Get-GovernanceEmulatorRequest -Api nerm -Method PATCH)
        $patches.Count | Should -Be 2
        $patches[0].Status | Should -Be 404
        $patches[0].Outcome | Should -Be 'fault-responded'
        $patches[1].Status | Should -Be 200
        $patches[1].Outcome | Should -Be 'answered'
        Get-FaultRules | Should -BeNullOrEmpty
    }

    It 'maps every parameter onto the emulator''s fault rule' {
        $null = Set-GovernanceEmulatorFault -Api oig -Method put -PathPrefix '/iam/governance/selfservice/api/v1/provtasks' -StatusCode 503 -RetryAfterSec 2 -LatencyMs 5 -Count 3 -Every 2 -Body '<html>proxy</html>' -ContentType 'text/html'
        $dropAfter = Set-GovernanceEmulatorFault -Api isc -Method PATCH -Drop After -Count 1
        $null = Set-GovernanceEmulatorFault -Api nerm -Drop Before
        $null = Set-GovernanceEmulatorFault -Latency 250 -RetryAfter 1 -StatusCode 429

        $rules = Get-FaultRules
        $rules.Count | Should -Be 4
        $rules[0].api | Should -Be 'oig'
        $rules[0].method | Should -Be 'PUT'
        $rules[0].pathPrefix | Should -Be '/iam/governance/selfservice/api/v1/provtasks'
        $rules[0].status | Should -Be 503
        $rules[0].retryAfterSeconds | Should -Be 2
        $rules[0].latencyMs | Should -Be 5
        $rules[0].count | Should -Be 3
        $rules[0].every | Should -Be 2
        $rules[0].body | Should -Be '<html>proxy</html>'
        $rules[0].contentType | Should -Be 'text/html'
        $rules[0].mode | Should -Be 'respond'
        $rules[1].mode | Should -Be 'drop-after'
        $rules[1].status | Should -Be 0
        $rules[1].count | Should -Be 1
        $rules[2].api | Should -Be 'nerm'
        $rules[2].method | Should -BeNullOrEmpty
        $rules[2].mode | Should -Be 'drop-before'
        $rules[2].count | Should -Be -1
        $rules[3].api | Should -BeNullOrEmpty
        $rules[3].latencyMs | Should -Be 250
        $rules[3].retryAfterSeconds | Should -Be 1
        $rules[3].status | Should -Be 429
        $dropAfter.Drop | Should -Be 'After'
        $dropAfter.Mode | Should -Be 'drop-after'
        $dropAfter.StatusCode | Should -Be 0
    }

    It 'with -Drop Before, the connection is closed unanswered once and the client''s resend goes through' {
        $null = Set-GovernanceEmulatorFault -Api nerm -Method PATCH -Drop Before -Count 1

        # A PATCH without -Run is safe to send again, so the user sees only success.
        (Update-WorkflowSession -Id $SessionId -Status completed).Status | Should -Be 'completed'

        $patches = @(Get-GovernanceEmulatorRequest -Api nerm -Method PATCH)
        $patches.Count | Should -Be 2
        $patches[0].Outcome | Should -Be 'dropped-before-processing'
        $patches[0].Status | Should -Be 0
        $patches[1].Outcome | Should -Be 'answered'
    }

    It 'adds no rule under -WhatIf' {
        Set-GovernanceEmulatorFault -Api nerm -Method PATCH -StatusCode 500 -WhatIf | Should -BeNullOrEmpty

        Get-FaultRules | Should -BeNullOrEmpty
        (Update-WorkflowSession -Id $SessionId -Status completed).Status | Should -Be 'completed'
    }

    It 'Clear-GovernanceEmulatorFault removes every rule, and none under -WhatIf' {
        $null = Set-GovernanceEmulatorFault -Api nerm -StatusCode 500
        $null = Set-GovernanceEmulatorFault -Api oig -StatusCode 503

        Clear-GovernanceEmulatorFault -WhatIf
        @(Get-FaultRules).Count | Should -Be 2
        Clear-GovernanceEmulatorFault
        Get-FaultRules | Should -BeNullOrEmpty
    }
}

Describe 'Reset-GovernanceEmulator' {
    BeforeAll { Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential }

    It 'reseeds the data, empties the journal and removes the faults' {
        Reset-GovernanceEmulator
        $seeded = Get-OigTaskNote
        $null = Set-ProvTask -TaskId 6 -Note 'changed before the reset'
        Get-OigTaskNote | Should -Be 'changed before the reset'
        $null = Set-GovernanceEmulatorFault -Api isc -StatusCode 500

        Reset-GovernanceEmulator

        @(Get-GovernanceEmulatorRequest).Count | Should -Be 0
        Get-GovernanceEmulatorRequest | Should -BeNullOrEmpty
        Get-FaultRules | Should -BeNullOrEmpty
        Get-OigTaskNote | Should -Be $seeded
    }

    It 'changes nothing under -WhatIf' {
        Reset-GovernanceEmulator
        $null = Set-ProvTask -TaskId 6 -Note 'kept through -WhatIf'
        $null = Set-GovernanceEmulatorFault -Api isc -StatusCode 500
        $requests = @(Get-GovernanceEmulatorRequest).Count

        Reset-GovernanceEmulator -WhatIf

        @(Get-GovernanceEmulatorRequest).Count | Should -Be $requests
        $requests | Should -BeGreaterThan 0
        @(Get-FaultRules).Count | Should -Be 1
        Get-OigTaskNote | Should -Be 'kept through -WhatIf'
    }
}

Describe 'Stop-GovernanceEmulator' {
    It 'leaves the emulator running under -WhatIf' {
        Stop-GovernanceEmulator -WhatIf

        Test-ProcessAlive $Emulator.ProcessId | Should -BeTrue
        (Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/health" -UseBasicParsing).status | Should -Be 'ok'
    }

    It 'ends the process and waits for it: nothing is left running, and no emulator is current' {
        $Emulator | Stop-GovernanceEmulator

        Test-ProcessAlive $Emulator.ProcessId | Should -BeFalse
        { Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/health" -UseBasicParsing -TimeoutSec 5 } | Should -Throw
        Get-CurrentEmulatorId | Should -BeNullOrEmpty
        { Get-GovernanceEmulatorRequest } | Should -Throw -ErrorId 'NoCurrentEmulator,Get-GovernanceEmulatorRequest'
        { Reset-GovernanceEmulator -Emulator $Emulator } | Should -Throw -ErrorId 'EmulatorNotRunning,Reset-GovernanceEmulator'
        Stop-GovernanceEmulator | Should -BeNullOrEmpty
        Stop-GovernanceEmulator -Emulator $Emulator | Should -BeNullOrEmpty
    }
}

Describe 'An emulator does not outlive what started it' {
    It 'Remove-Module GovernanceModule.Emulator stops the emulators it started' {
        $first = Start-GovernanceEmulator
        $second = Start-GovernanceEmulator

        Remove-Module GovernanceModule.Emulator
        try {
            Test-ProcessAlive $first.ProcessId | Should -BeFalse
            Test-ProcessAlive $second.ProcessId | Should -BeFalse
        }
        finally {
            Import-Module $EmulatorModulePath -Force
        }
    }

    It 'ends when the PowerShell process that started it exits without stopping it' {
        $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $prefix = @()
        if ((Split-Path $self -Leaf) -match '^dotnet(\.exe)?$') { $prefix = @([System.Environment]::GetCommandLineArgs()[0]) } # a dotnet-tool pwsh
        $script = "Import-Module '$($EmulatorModulePath.Replace("'", "''"))'; `$e = Start-GovernanceEmulator; `$e.ProcessId; `$e.Uri"
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))

        $output = @(& $self @prefix -NoProfile -NonInteractive -EncodedCommand $encoded)

        $LASTEXITCODE | Should -Be 0
        $childId = [int] $output[0]
        $output[1] | Should -Match '^http://127\.0\.0\.1:\d+$'
        Wait-ProcessGone $childId | Should -BeTrue
        { Invoke-RestMethod -Uri "$($output[1])/_emulator/health" -UseBasicParsing -TimeoutSec 5 } | Should -Throw
    }
}
