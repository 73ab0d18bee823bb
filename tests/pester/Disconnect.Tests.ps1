#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Disconnect-OigServer, Disconnect-NermTenant, Disconnect-IscTenant: the runspace forgets its connection and what
# the connection holds is released.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module $ModulePath -Force
    $script:Emulator = Start-GovernanceEmulator
    $oigCredential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force))
    $nermToken = ConvertTo-SecureString 'nerm-demo-api-key-0001' -AsPlainText -Force
    $iscCredential = [pscredential]::new('emulator-demo-client', (ConvertTo-SecureString 'Demo-Client-Secret-0001' -AsPlainText -Force))
    $url = $Emulator.Uri

    $script:Credentials = @{ Oig = $oigCredential; Nerm = $nermToken; Isc = $iscCredential }

    function script:Connect-Api([string] $Api) {
        switch ($Api) {
            'Oig' { Connect-OigServer -Uri $Emulator.Uri -Credential $Credentials.Oig -PassThru }
            'Nerm' { Connect-NermTenant -Uri $Emulator.Uri -Token $Credentials.Nerm -PassThru }
            'Isc' { Connect-IscTenant -Uri $Emulator.Uri -Credential $Credentials.Isc -PassThru }
        }
    }

    # A read that needs the connection: the current one, or the one given.
    function script:Use-Api([string] $Api, $Connection) {
        $with = @{}
        if ($Connection) { $with.Connection = $Connection }
        switch ($Api) {
            'Oig' { Get-ProvTask -TaskId 6 @with }
            'Nerm' { Get-WorkflowSession -Id '3fa85f64-5717-4562-b3fc-2c963f66afa6' @with }
            'Isc' { Get-ProvisioningPolicy -SourceId '2c9180835d191a86015d28455b4a2329' -UsageType CREATE @with }
        }
    }

    # The terminating error a command stops with, caught as a script would catch it.
    function script:Get-StopError([string] $Api, $Connection) {
        try { Use-Api $Api $Connection | Out-Null; $null } catch { $_ }
    }
}

BeforeDiscovery {
    $script:Apis = @(
        @{ Api = 'Oig'; Disconnect = 'Disconnect-OigServer'; ConnectCommand = 'Connect-OigServer' }
        @{ Api = 'Nerm'; Disconnect = 'Disconnect-NermTenant'; ConnectCommand = 'Connect-NermTenant' }
        @{ Api = 'Isc'; Disconnect = 'Disconnect-IscTenant'; ConnectCommand = 'Connect-IscTenant' }
    )
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
}

Describe 'Disconnect-*' {
    It '<Disconnect> forgets the current connection: a later command asks for <ConnectCommand> as before any connect' -TestCases $Apis {
        $connection = Connect-Api $Api
        Use-Api $Api | Should -Not -BeNullOrEmpty

        & $Disconnect

        $connection.IsClosed | Should -BeTrue
        $stop = Get-StopError $Api
        $stop | Should -Not -BeNullOrEmpty
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}NotConnected,*"
        $stop.CategoryInfo.Category | Should -Be 'ConnectionError'
        $stop.Exception.Message | Should -BeLike "*$ConnectCommand*"
    }

    It '<Disconnect> -Connection closes a kept connection; using it after that is a ConnectionClosed error' -TestCases $Apis {
        $kept = Connect-Api $Api
        $current = Connect-Api $Api

        $closed = & $Disconnect -Connection $kept -PassThru

        $closed | Should -Be $kept
        $kept.IsClosed | Should -BeTrue
        $stop = Get-StopError $Api $kept
        $stop.FullyQualifiedErrorId | Should -BeLike "${Api}ConnectionClosed,*"
        $stop.Exception.Message | Should -BeLike "*$ConnectCommand again*"
        # The current connection was another one and stays open.
        Use-Api $Api | Should -Not -BeNullOrEmpty
        & $Disconnect
    }

    It '<Disconnect> -WhatIf closes nothing, and with no connection it does nothing' -TestCases $Apis {
        $connection = Connect-Api $Api

        & $Disconnect -WhatIf

        $connection.IsClosed | Should -BeFalse
        Use-Api $Api | Should -Not -BeNullOrEmpty
        & $Disconnect
        { & $Disconnect -ErrorAction Stop } | Should -Not -Throw
    }

    It 'takes the connection from the pipeline' {
        $connection = Connect-OigServer -Uri $Emulator.Uri -Credential ([pscredential]::new('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force))) -PassThru

        $connection | Disconnect-OigServer

        $connection.IsClosed | Should -BeTrue
    }

    It 'has help with examples' {
        foreach ($name in 'Disconnect-OigServer', 'Disconnect-NermTenant', 'Disconnect-IscTenant') {
            $help = Get-Help $name -Full
            $help.Synopsis | Should -BeLike 'Closes the current*'
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        }
    }
}
