#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Ctrl+C in the middle of a bulk run: PowerShell.Stop() is what the console host calls on Ctrl+C.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module (Join-Path $PSScriptRoot 'TestEmulator.psm1') -Force
    $script:Emulator = Start-TestEmulator
    $script:Credential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force))

    function script:Get-PutRequests {
        @(Get-EmulatorJournal -Emulator $Emulator -Api oig | Where-Object { $_.method -eq 'PUT' })
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Stopping Set-ProvTask' {
    It 'ends at once and accounts for every input read: answered, sent with unknown outcome, not sent' {
        Reset-Emulator -Emulator $Emulator
        # The server holds the second bulk PUT for a minute: the stop comes while it is with the server.
        $fault = @{ api = 'oig'; method = 'PUT'; latencyMs = 60000; every = 2; count = 1 } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/faults" -ContentType 'application/json' -Body $fault | Out-Null

        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($ModulePath, $Url, $Credential)
                Import-Module $ModulePath
                Connect-OigServer -Uri $Url -Credential $Credential
                100000..100299 | ForEach-Object { [pscustomobject]@{ TaskId = "$_"; Note = 'stop test' } } |
                    Set-ProvTask -BatchSize 100 -Verbose
            }).AddArgument($ModulePath).AddArgument($Emulator.Url).AddArgument($Credential)
            $running = $ps.BeginInvoke()

            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-PutRequests).Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Start-Sleep -Milliseconds 1000
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            $running.IsCompleted | Should -BeTrue

            $verbose = @($ps.Streams.Verbose | ForEach-Object Message)
            $warnings = @($ps.Streams.Warning | ForEach-Object Message)
        }
        finally {
            $ps.Dispose()
        }

        # Rows 101-200 went out in the held PUT; rows 201-300 were never read, so they are not inputs of this run.
        $verbose | Should -Contain 'Stopped after 200 inputs: 100 sent and answered, 100 sent with unknown outcome, 0 not sent, 0 refused as invalid, 0 skipped.'
        @($verbose | Where-Object { $_ -like 'Row * (SetNote): sent, outcome unknown*' }).Count | Should -Be 100
        $verbose | Should -Contain 'Row 150: task 100149 (SetNote): sent, outcome unknown (stopped while the server had it); check it before sending it again.'
        $warnings | Should -Contain '100 changes were with the server when the command was stopped; whether they applied is unknown. Run with -Verbose to see which, and check them before sending them again.'

        Start-Sleep -Milliseconds 500
        $puts = Get-PutRequests
        $puts.Count | Should -Be 2
        $puts[1].outcome | Should -Be 'client-disconnected'
    }
}
