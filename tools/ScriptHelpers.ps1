# Helpers of the build (build.ps1) and the benchmark (bench/), dot-sourced by both. The shipped emulator module keeps
# its own copy of the argument quoting (Join-EmulatorArgument), since tools/ is not shipped.
# Windows PowerShell 5.1 syntax.

# The PowerShell that runs this script, as a program to start: for a dotnet-tool pwsh the process is the dotnet host,
# but $PSHOME holds the real pwsh.
function Get-PowerShellPath {
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return Join-Path $PSHOME 'powershell.exe' }
    if ($env:OS -eq 'Windows_NT') { return Join-Path $PSHOME 'pwsh.exe' }
    Join-Path $PSHOME 'pwsh'
}

# Where the runtime of this pwsh lives (<root>/shared/Microsoft.NETCore.App/<version>/), for a child pwsh apphost
# that looks for it; $null in Windows PowerShell.
function Get-DotnetRoot {
    if ($PSVersionTable.PSEdition -ne 'Core') { return $null }
    $runtime = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory().TrimEnd('\', '/')
    Split-Path (Split-Path (Split-Path $runtime -Parent) -Parent) -Parent
}

# One command line from separate arguments, quoted as the .NET runtime splits them (on every OS), for
# ProcessStartInfo.Arguments: 5.1 has no ProcessStartInfo.ArgumentList.
function Join-NativeArgument {
    param([string[]] $Argument)
    $quoted = foreach ($item in $Argument) {
        if ($item -ne '' -and $item -notmatch '[\s"]') { $item; continue }
        '"' + (($item -replace '(\\*)"', '$1$1\"') -replace '(\\+)$', '$1$1') + '"'
    }
    $quoted -join ' '
}

# Runs a program, shows the command line, and throws when it exits with another code than 0.
function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    Write-Host "> $FilePath $(Join-NativeArgument $ArgumentList)" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath $(Join-NativeArgument $ArgumentList) failed with exit code $LASTEXITCODE."
    }
}
