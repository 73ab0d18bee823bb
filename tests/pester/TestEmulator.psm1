# Starts and stops the GovernanceModule emulator as a child process on a free loopback port, for Pester and the demo.

function Start-TestEmulator {
    [CmdletBinding()]
    param(
        [string] $EmulatorPath = (Join-Path $PSScriptRoot '../../out/emulator/GovernanceModule.Emulator.dll'),
        [string[]] $ArgumentList = @(),
        [int] $TimeoutSec = 60
    )
    $EmulatorPath = (Resolve-Path $EmulatorPath).Path
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $startInfo.Arguments = (@("`"$EmulatorPath`"", '--urls', 'http://127.0.0.1:0') + $ArgumentList) -join ' '
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)

    # The emulator prints "Emulator listening on http://127.0.0.1:PORT" once it is bound.
    $read = $process.StandardOutput.ReadLineAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (-not $read.Wait(200)) { continue }
        $line = $read.Result
        if ($null -eq $line) { break }
        if ($line -match 'Emulator listening on (?<url>http://\S+)') {
            # Keep draining its output so the child never blocks on a full pipe.
            $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null) | Out-Null
            $process.StandardError.BaseStream.CopyToAsync([System.IO.Stream]::Null) | Out-Null
            return [pscustomobject]@{ Process = $process; Url = $Matches.url.TrimEnd('/') }
        }
        $read = $process.StandardOutput.ReadLineAsync()
    }
    if (-not $process.HasExited) { $process.Kill() }
    throw "The emulator at $EmulatorPath did not start within $TimeoutSec s. Run ./build.ps1 Build first."
}

function Stop-TestEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
}

function Get-EmulatorJournal {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $Api = 'oig')
    # Invoke-RestMethod writes a JSON array as one object: assigning and returning it unrolls it, one request each.
    $journal = Invoke-RestMethod "$($Emulator.Url)/_emulator/journal?api=$Api"
    $journal
}

function Reset-Emulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Method Post "$($Emulator.Url)/_emulator/reset" | Out-Null
}

Export-ModuleMember -Function Start-TestEmulator, Stop-TestEmulator, Get-EmulatorJournal, Reset-Emulator
