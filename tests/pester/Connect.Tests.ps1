#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What the three Connect-* share: -PassThru, the check that ends the command when the connection is of no use,
# with <Api>AuthenticationFailed or <Api>Unreachable, and a 401 in a later change that stops it with
# <Api>AuthenticationFailed naming the connection. Credentials go over http only to loopback or with
# -AllowUnencryptedAuthentication; a failed Connect-* leaves no connection current.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module (Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1') -Force
    $script:Emulator = Start-GovernanceEmulator
    $script:Url = $Emulator.Uri
    $script:Good = @{
        Oig  = @{ Credential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force)) }
        Nerm = @{ Token = ConvertTo-SecureString 'nerm-demo-api-key-0001' -AsPlainText -Force }
        Isc  = @{ Credential = [pscredential]::new('emulator-demo-client', (ConvertTo-SecureString 'Demo-Client-Secret-0001' -AsPlainText -Force)) }
    }
    $script:Wrong = @{
        Oig  = @{ Credential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force)) }
        Nerm = @{ Token = ConvertTo-SecureString 'not-the-key-123' -AsPlainText -Force }
        Isc  = @{ Credential = [pscredential]::new('emulator-demo-client', (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force)) }
    }

    function script:Connect-Api([string] $Command, [hashtable] $With, [string] $To = $Url) {
        & $Command -Uri $To @With -ErrorAction Stop
    }

    function script:Get-Stop([scriptblock] $Script) {
        try { & $Script | Out-Null; $null } catch { $_ }
    }

    # The PUT/PATCH requests the emulator received: what a change sent.
    function script:Get-Write {
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator | Where-Object { $_.Method -in 'PUT', 'PATCH' })
    }

    function script:Add-Fault([hashtable] $Rule) {
        Invoke-RestMethod -Method Post -Uri "$Url/_emulator/faults" -ContentType 'application/json' -Body ($Rule | ConvertTo-Json) | Out-Null
    }
}

BeforeDiscovery {
    $script:Apis = @(
        @{ Api = 'Oig'; Command = 'Connect-OigServer'; Fault = 'oig'; Server = 'oig.example.com:14000'; Change = { Set-ProvTask -TaskId '6' -Note 'refused' } }
        @{ Api = 'Nerm'; Command = 'Connect-NermTenant'; Fault = 'nerm'; Server = 'acme.example.com'; Change = { Update-WorkflowSession -Id '3fa85f64-5717-4562-b3fc-2c963f66afa6' -Status completed } }
        @{ Api = 'Isc'; Command = 'Connect-IscTenant'; Fault = 'isc'; Server = 'acme.api.example.com'; Change = { Edit-ProvisioningPolicy -SourceId '2c9180835d191a86015d28455b4a2329' -UsageType CREATE -Description 'refused' } }
    )
    # ISC drops the URI's path, so only OIG and NERM can be given a wrong one.
    $script:PathApis = @($Apis | Where-Object { $_.Api -ne 'Isc' })
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
}

Describe 'Connect-*' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It '<Command> writes the connection only with -PassThru' -TestCases $Apis {
        @(Connect-Api $Command $Good[$Api]).Count | Should -Be 0
        $connection = Connect-Api $Command ($Good[$Api] + @{ PassThru = $true })
        $connection.Uri.Authority | Should -Be ([uri]$Url).Authority
    }

    It '<Command> with a URI that names no server stops with <Api>InvalidInput before any request' -TestCases $Apis {
        $stop = Get-Stop { Connect-Api $Command $Good[$Api] -To 'ftp://example.com' }
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}InvalidInput,*"
        [string]$stop.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It '<Command> with refused credentials stops with <Api>AuthenticationFailed' -TestCases $Apis {
        $stop = Get-Stop { Connect-Api $Command $Wrong[$Api] }
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}AuthenticationFailed,*"
        [string]$stop.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ([uri]$stop.TargetObject).Authority | Should -Be ([uri]$Url).Authority
    }

    It '<Command> whose check gets no answer within -TimeoutSec stops with <Api>Unreachable' -TestCases $Apis {
        Add-Fault @{ api = $Fault; latencyMs = 2500; count = 1 }
        $stop = Get-Stop { Connect-Api $Command ($Good[$Api] + @{ TimeoutSec = 1 }) }
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}Unreachable,*"
        [string]$stop.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'a 401 in a change stops <Api> with <Api>AuthenticationFailed naming the connection' -TestCases $Apis {
        $connection = Connect-Api $Command ($Good[$Api] + @{ PassThru = $true })
        Add-Fault @{ api = $Fault; method = 'PATCH'; status = 401; count = 10 }
        Add-Fault @{ api = $Fault; method = 'PUT'; status = 401; count = 10 }
        $stop = Get-Stop $Change
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}AuthenticationFailed,*"
        [string]$stop.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $stop.TargetObject | Should -Be $connection.Uri
    }
}

Describe 'Advice in errors' {
    # Core states the fact; the cmdlet layer adds what to do, naming the API's Connect-* command, as
    # ErrorDetails.RecommendedAction, which PowerShell 7 shows as "Recommendation:" under the message: said once.
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It '<Command> with refused credentials says which credentials to check' -TestCases $Apis {
        $stop = Get-Stop { Connect-Api $Command $Wrong[$Api] }
        $stop.Exception.Message | Should -Not -BeLike "*$Command*"
        $stop.ErrorDetails.Message.StartsWith($stop.Exception.Message) | Should -BeTrue -Because $stop.ErrorDetails.Message
        $stop.ErrorDetails.Message | Should -Not -BeLike "*Check the *"
        $stop.ErrorDetails.RecommendedAction | Should -BeLike "Check the *given to $Command."
        $shown = ($stop | Out-String -Width 80) -replace '\s+', ' '
        ([regex]::Matches($shown, 'Check the')).Count | Should -Be 1 -Because $shown
        $shown | Should -BeLike "*Recommendation: Check the *"
    }

    It 'a 401 in a change tells <Api> which credentials to check' -TestCases $Apis {
        Connect-Api $Command $Good[$Api]
        Add-Fault @{ api = $Fault; method = 'PATCH'; status = 401; count = 10 }
        Add-Fault @{ api = $Fault; method = 'PUT'; status = 401; count = 10 }
        $stop = Get-Stop $Change
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}AuthenticationFailed,*"
        $stop.ErrorDetails.Message | Should -BeLike "*401*"
        $stop.ErrorDetails.Message | Should -Not -BeLike "*Check the *"
        $stop.ErrorDetails.RecommendedAction | Should -BeLike "Check the *given to $Command."
    }

    It '<Command> that gets no answer in time advises raising its -TimeoutSec' -TestCases $Apis {
        Add-Fault @{ api = $Fault; latencyMs = 2500; count = 1 }
        $stop = Get-Stop { Connect-Api $Command ($Good[$Api] + @{ TimeoutSec = 1 }) }
        $stop.Exception.Message | Should -BeLike '*no answer within 1 s*'
        $stop.Exception.Message | Should -Not -BeLike '*TimeoutSec*'
        $stop.ErrorDetails.Message | Should -Not -BeLike "*TimeoutSec*"
        $stop.ErrorDetails.RecommendedAction | Should -BeLike "*raise -TimeoutSec of $Command *"
    }

    It 'a change of <Api> that gets no answer in time advises raising -TimeoutSec in its own error' -TestCases $Apis {
        Connect-Api $Command ($Good[$Api] + @{ TimeoutSec = 1 })
        Add-Fault @{ api = $Fault; method = 'PATCH'; latencyMs = 2500; count = 1 }
        Add-Fault @{ api = $Fault; method = 'PUT'; latencyMs = 2500; count = 1 }
        # The suite runner sets Stop; the error of one input is non-terminating and is collected here.
        $ErrorActionPreference = 'Continue'
        $errors = @(& $Change 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        [string]$errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errors[0].ErrorDetails.Message | Should -BeLike "*no answer within 1 s*"
        $errors[0].ErrorDetails.Message | Should -Not -BeLike "*TimeoutSec*"
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike "*raise -TimeoutSec of $Command *"
    }
}

Describe 'Credentials over http' {
    # A host name such as oig.example.com reaches the emulator through an HTTP proxy on loopback, as a server on
    # another machine would: the module sends to a host that is not loopback, and the journal shows what arrived.
    BeforeAll {
        $script:DefaultProxy = [System.Net.Http.HttpClient]::DefaultProxy
        # Only the made-up hosts go to the emulator: not loopback, not what PowerShell itself sends (telemetry).
        $proxy = [System.Net.WebProxy]::new($Url, $true, @('^(?!http://[^/]*\.example\.com)'))
        [System.Net.Http.HttpClient]::DefaultProxy = $proxy
        $script:Variables = 'SAIL_NERM_BASE_URL', 'NERM_TOKEN', 'NERM_TENANT', 'SAIL_BASE_URL', 'SAIL_CLIENT_ID', 'SAIL_CLIENT_SECRET'
        $script:SavedVariables = @{}
        foreach ($name in $Variables) { $SavedVariables[$name] = [Environment]::GetEnvironmentVariable($name) }
    }
    AfterAll {
        [System.Net.Http.HttpClient]::DefaultProxy = $DefaultProxy
        foreach ($name in $Variables) { [Environment]::SetEnvironmentVariable($name, $SavedVariables[$name]) }
    }
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        foreach ($name in $Variables) { [Environment]::SetEnvironmentVariable($name, $null) }
    }

    It '<Command> refuses http://<Server> with <Api>UnencryptedAuthentication and sends nothing' -TestCases $Apis {
        $stop = Get-Stop { Connect-Api $Command $Good[$Api] "http://$Server" }
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}UnencryptedAuthentication,*"
        [string]$stop.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $stop.Exception.Message | Should -BeLike "*http://$Server*not encrypted*-AllowUnencryptedAuthentication*Nothing was sent."
        ([uri]$stop.TargetObject).Authority | Should -Be $Server
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }

    It '<Command> -AllowUnencryptedAuthentication connects to http://<Server>, warns once, and says it is not encrypted' -TestCases $Apis {
        $with = $Good[$Api]
        $connection = & $Command -Uri "http://$Server" @with -AllowUnencryptedAuthentication -PassThru -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop
        $connection.IsEncrypted | Should -BeFalse
        $warned.Count | Should -Be 1
        [string]$warned[0] | Should -BeLike "*-AllowUnencryptedAuthentication*$Server*unencrypted*"
        $sent = @(Get-GovernanceEmulatorRequest -Emulator $Emulator)
        $sent.Count | Should -BeGreaterThan 0
        $sent | ForEach-Object { $_.Headers.Host } | Should -Be (@($Server) * $sent.Count)
        & $Change | Out-Null
        @(Get-Write).Count | Should -Be 1
    }

    It 'NERM refuses an http ISC token URL (-IscUri) of another host, even to a loopback NERM' {
        $secret = ConvertTo-SecureString 'Demo-Client-Secret-0001' -AsPlainText -Force
        $stop = Get-Stop { Connect-NermTenant -Uri $Url -ClientId 'emulator-demo-client' -ClientSecret $secret -IscUri 'http://acme.api.example.com' -ErrorAction Stop }
        $stop.FullyQualifiedErrorId | Should -BeLike 'NermUnencryptedAuthentication,*'
        $stop.Exception.Message | Should -BeLike '*ISC token URI http://acme.api.example.com*-AllowUnencryptedAuthentication*'
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }

    It 'the same rule holds for URIs read from <Source>' -TestCases @(
        @{ Source = 'SAIL_NERM_BASE_URL'; Api = 'Nerm'; Connect = { Connect-NermTenant -ErrorAction Stop }; Set = @{ SAIL_NERM_BASE_URL = 'http://acme.example.com'; NERM_TOKEN = 'nerm-demo-api-key-0001' } }
        @{ Source = 'SAIL_BASE_URL (NERM token URL)'; Api = 'Nerm'; Connect = { Connect-NermTenant -Uri $Url -ErrorAction Stop }; Set = @{ SAIL_BASE_URL = 'http://acme.api.example.com'; SAIL_CLIENT_ID = 'emulator-demo-client'; SAIL_CLIENT_SECRET = 'Demo-Client-Secret-0001' } }
        @{ Source = 'SAIL_BASE_URL'; Api = 'Isc'; Connect = { Connect-IscTenant -ErrorAction Stop }; Set = @{ SAIL_BASE_URL = 'http://acme.api.example.com'; SAIL_CLIENT_ID = 'emulator-demo-client'; SAIL_CLIENT_SECRET = 'Demo-Client-Secret-0001' } }
    ) {
        foreach ($name in $Set.Keys) { [Environment]::SetEnvironmentVariable($name, $Set[$name]) }
        $stop = Get-Stop $Connect
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}UnencryptedAuthentication,*"
        $stop.Exception.Message | Should -BeLike '*-AllowUnencryptedAuthentication*'
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator).Count | Should -Be 0
    }

    It '<Command> to loopback http (<Loopback>) needs no switch and does not warn' -TestCases @(
        foreach ($api in $Apis) {
            foreach ($loopback in '127.0.0.1', 'localhost') { $api + @{ Loopback = $loopback } }
        }
    ) {
        $to = ([uri]$Url).GetLeftPart('Authority').Replace('127.0.0.1', $Loopback)
        $with = $Good[$Api]
        $connection = & $Command -Uri $to @with -PassThru -WarningVariable warned -ErrorAction Stop
        $warned.Count | Should -Be 0
        $connection.IsEncrypted | Should -BeFalse
    }
}

Describe 'Connect is all or nothing' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'a failed <Command> leaves no <Api> connection current: the next change says nothing is connected and sends nothing' -TestCases $Apis {
        Connect-Api $Command $Good[$Api]
        Get-Stop { Connect-Api $Command $Wrong[$Api] } | Should -Not -BeNullOrEmpty
        $stop = Get-Stop $Change
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}NotConnected,*"
        $stop.Exception.Message | Should -BeLike "There is no * connection.*"
        Get-Write | Should -BeNullOrEmpty
    }

    It 'a <Command> refused for its parameters also leaves no <Api> connection current' -TestCases $Apis {
        Connect-Api $Command $Good[$Api]
        Get-Stop { Connect-Api $Command $Good[$Api] 'ftp://server.example.com' } | Should -Not -BeNullOrEmpty
        (Get-Stop $Change).FullyQualifiedErrorId | Should -BeLike "${Api}NotConnected,*"
        Get-Write | Should -BeNullOrEmpty
    }

    It '<Command> to a wrong path stops with <Api>ApiNotFound, not a warning, and leaves no connection current' -TestCases $PathApis {
        Connect-Api $Command $Good[$Api]
        $with = $Good[$Api]
        $stop = Get-Stop { & $Command -Uri "$Url/wrong/path" @with -WarningVariable script:warned -ErrorAction Stop }
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}ApiNotFound,*"
        [string]$stop.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $stop.ErrorDetails.Message | Should -BeLike "*404* not as the $Api API (API base $Url/wrong/path/*). Check the path of -Uri* given to $Command*"
        $script:warned.Count | Should -Be 0
        (Get-Stop $Change).FullyQualifiedErrorId | Should -BeLike "${Api}NotConnected,*"
        Get-Write | Should -BeNullOrEmpty
    }

    It '<Command> whose check is forbidden (403) still connects, with a warning' -TestCases $PathApis {
        Add-Fault @{ api = $Fault; method = 'GET'; status = 403; count = 1 }
        $with = $Good[$Api]
        $connection = & $Command -Uri $Url @with -PassThru -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop
        $connection | Should -Not -BeNullOrEmpty
        [string]$warned[0] | Should -BeLike 'Connected, but reading * failed*403*'
    }
}

Describe 'Connect-* messages' {
    It '<Command> to a host name that does not resolve says DNS at once, without retrying' -TestCases $Apis {
        $verbose = [System.Collections.Generic.List[object]]::new()
        $stop = Get-Stop { Connect-Api $Command ($Good[$Api] + @{ Verbose = $true }) "https://no-such-host.invalid" 4>&1 | ForEach-Object { $verbose.Add($_) } }
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}Unreachable,*"
        $stop.Exception.Message | Should -BeLike '*host name no-such-host.invalid could not be resolved (DNS)*Nothing was sent.'
        $stop.Exception.Message | Should -Not -BeLike '*connection was lost*'
        @($verbose | Where-Object { "$_" -like '*retrying*' }).Count | Should -Be 0
    }

    It '<Command> with <Case> names no internal parameter' -TestCases @(
        @{ Command = 'Connect-OigServer'; Case = 'a relative -Uri'; With = @{ Uri = 'relative/path' }; Api = 'Oig' }
        @{ Command = 'Connect-OigServer'; Case = 'an ftp -Uri'; With = @{ Uri = 'ftp://oig.example.com' }; Api = 'Oig' }
        @{ Command = 'Connect-NermTenant'; Case = 'an ftp -Uri'; With = @{ Uri = 'ftp://acme.example.com' }; Api = 'Nerm' }
        @{ Command = 'Connect-NermTenant'; Case = 'a dotted -Tenant'; With = @{ Tenant = 'acme.nonemployee.com' }; Api = 'Nerm' }
        @{ Command = 'Connect-IscTenant'; Case = 'an ftp -Uri'; With = @{ Uri = 'ftp://acme.example.com' }; Api = 'Isc' }
        @{ Command = 'Connect-IscTenant'; Case = 'a URL as -Tenant'; With = @{ Tenant = 'https://acme.api.identitynow.com' }; Api = 'Isc' }
    ) {
        $all = $With + $Good[$Api]
        $stop = Get-Stop { & $Command @all -ErrorAction Stop }
        [string]$stop.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $stop.Exception.Message | Should -Not -BeLike '*(Parameter*'
        $stop.Exception.Message | Should -Not -BeLike '*Parameter name*'
        $stop.Exception.Message | Should -Not -MatchExactly "serverUri|tenantUri|iscUri|'uri'|'tenant'"
    }
}
