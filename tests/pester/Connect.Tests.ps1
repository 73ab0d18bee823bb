#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What the three Connect-* share: -PassThru, the check that ends the command when the connection is of no use,
# with <Api>AuthenticationFailed or <Api>Unreachable, and a 401 in a later change that stops it with
# <Api>AuthenticationFailed naming the connection.

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

    function script:Add-Fault([hashtable] $Rule) {
        Invoke-RestMethod -Method Post -Uri "$Url/_emulator/faults" -ContentType 'application/json' -Body ($Rule | ConvertTo-Json) | Out-Null
    }
}

BeforeDiscovery {
    $script:Apis = @(
        @{ Api = 'Oig'; Command = 'Connect-OigServer'; Fault = 'oig'; Change = { Set-ProvTask -TaskId '6' -Note 'refused' } }
        @{ Api = 'Nerm'; Command = 'Connect-NermTenant'; Fault = 'nerm'; Change = { Update-WorkflowSession -Id '3fa85f64-5717-4562-b3fc-2c963f66afa6' -Status completed } }
        @{ Api = 'Isc'; Command = 'Connect-IscTenant'; Fault = 'isc'; Change = { Edit-ProvisioningPolicy -SourceId '2c9180835d191a86015d28455b4a2329' -UsageType CREATE -Description 'refused' } }
    )
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
