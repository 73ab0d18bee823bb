# GovernanceModule.Emulator: runs the GovernanceModule emulator (bin/GovernanceModule.Emulator.dll, an ASP.NET Core
# app) as a child process on 127.0.0.1 and drives its test-control surface under /_emulator/. The emulator answers
# /_emulator/module/ with the members of this module's objects, so that no function here lists them again. The help
# is en-US/GovernanceModule.Emulator-help.xml, which ./build.ps1 writes from docs/help/GovernanceModule.Emulator.
# Windows PowerShell 5.1 syntax only: no ??, ?., ternary, && or ||.

Set-StrictMode -Version 3.0

$script:EmulatorAssembly = Join-Path (Join-Path $PSScriptRoot 'bin') 'GovernanceModule.Emulator.dll'
$script:MinimumAspNetCoreMajor = 8
$script:InstanceTypeName = 'GovernanceModule.Emulator.Instance'
$script:RequestTypeName = 'GovernanceModule.Emulator.Request'
$script:FaultTypeName = 'GovernanceModule.Emulator.Fault'
$script:OnWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
$script:IsoTime = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$'

# Every emulator this module started and has not stopped, oldest first; the current one is the last still running.
$script:Started = [System.Collections.Generic.List[object]]::new()
$script:Current = $null

#region helpers (not exported)

function New-EmulatorErrorRecord {
    param([string] $Message, [string] $ErrorId, [System.Management.Automation.ErrorCategory] $Category = 'InvalidOperation', [object] $TargetObject, [System.Exception] $InnerException)
    $exception = [System.InvalidOperationException]::new($Message, $InnerException)
    [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
}

function Get-EmulatorDotnetCandidate {
    # The dotnet executables to try, in order, that exist: the one on PATH, $env:DOTNET_ROOT, the one running this
    # PowerShell (a dotnet-tool pwsh) or the installation of the runtime it runs on, then the default install folders.
    $exe = @('dotnet', 'dotnet.exe')[[int] $script:OnWindows]
    $paths = [System.Collections.Generic.List[string]]::new()
    $onPath = Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) { $paths.Add($onPath.Path) }
    if ($env:DOTNET_ROOT) { $paths.Add((Join-Path $env:DOTNET_ROOT $exe)) }
    $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ((Split-Path $self -Leaf) -eq $exe) { $paths.Add($self) } else { $paths.Add((Join-Path (Split-Path $self -Parent) $exe)) }
    if ($PSVersionTable.PSEdition -eq 'Core') {
        # <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        $runtimeDirectory = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
        $root = Split-Path (Split-Path (Split-Path $runtimeDirectory.TrimEnd('\', '/') -Parent) -Parent) -Parent
        if ($root) { $paths.Add((Join-Path $root $exe)) }
    }
    if ($script:OnWindows) { if ($env:ProgramFiles) { $paths.Add((Join-Path (Join-Path $env:ProgramFiles 'dotnet') $exe)) } }
    else {
        $paths.AddRange([string[]] @('/usr/share/dotnet/dotnet', '/usr/lib/dotnet/dotnet', '/usr/local/share/dotnet/dotnet'))
        if ($env:HOME) { $paths.Add((Join-Path (Join-Path $env:HOME '.dotnet') 'dotnet')) }
    }
    $paths | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | ForEach-Object { (Resolve-Path -LiteralPath $_).ProviderPath } | Select-Object -Unique
}

function Resolve-EmulatorDotnet {
    # The first candidate whose `dotnet --list-runtimes` lists Microsoft.AspNetCore.App 8 or later; otherwise an
    # ErrorRecord (returned, not thrown, so that the caller reports it as its own) naming what to install.
    param([string[]] $Candidate = @())
    $checked = [System.Collections.Generic.List[string]]::new()
    foreach ($path in $Candidate) {
        try { $lines = @(& $path --list-runtimes 2>$null); $exitCode = $LASTEXITCODE }
        catch { $checked.Add("$path (could not be run: $($_.Exception.Message))"); continue }
        if ($exitCode -ne 0) { $checked.Add("$path (dotnet --list-runtimes failed with exit code $exitCode)"); continue }
        $versions = @(foreach ($line in $lines) {
                if ("$line" -match '^Microsoft\.AspNetCore\.App (?<version>(?<major>\d+)\.\S+)') { [pscustomobject]@{ Version = $Matches['version']; Major = [int] $Matches['major'] } }
            })
        if (@($versions | Where-Object { $_.Major -ge $script:MinimumAspNetCoreMajor }).Count -gt 0) { return $path }
        if ($versions.Count -eq 0) { $checked.Add("$path (no Microsoft.AspNetCore.App)") }
        else { $checked.Add("$path (Microsoft.AspNetCore.App $(($versions | ForEach-Object Version) -join ', ') only)") }
    }
    if ($checked.Count -eq 0) { $checked.Add('no dotnet executable was found (PATH, DOTNET_ROOT, beside this PowerShell, default install folders)') }
    $install = 'Install the ASP.NET Core Runtime 8.0 or later (it includes the .NET Runtime) from https://dotnet.microsoft.com/download/dotnet'
    if ($script:OnWindows) { $install += ' or with `winget install Microsoft.DotNet.AspNetCore.8`' }
    $message = "The GovernanceModule emulator needs the ASP.NET Core Runtime $($script:MinimumAspNetCoreMajor).0 or later " +
    "(Microsoft.AspNetCore.App), and no .NET installation found has it. Checked: $($checked -join '; '). " +
    "$install; then start a new PowerShell, or set DOTNET_ROOT to the folder of a dotnet that has it."
    New-EmulatorErrorRecord -Message $message -ErrorId 'AspNetCoreRuntimeNotFound' -Category NotInstalled -TargetObject 'Microsoft.AspNetCore.App'
}

function Join-EmulatorArgument {
    # One command line from separate arguments, quoted as the .NET runtime splits them (5.1 has no
    # ProcessStartInfo.ArgumentList). The build's copy is Join-NativeArgument in tools/ScriptHelpers.ps1; the shipped
    # module keeps its own, since tools/ is not shipped.
    param([string[]] $Argument)
    $quoted = foreach ($item in $Argument) {
        if ($item -ne '' -and $item -notmatch '[\s"]') { $item; continue }
        '"' + (($item -replace '(\\*)"', '$1$1\"') -replace '(\\+)$', '$1$1') + '"'
    }
    $quoted -join ' '
}

function ConvertTo-EmulatorSecureString([string] $Text) {
    $secure = [System.Security.SecureString]::new()
    foreach ($character in $Text.ToCharArray()) { $secure.AppendChar($character) }
    $secure.MakeReadOnly()
    $secure
}

function Test-EmulatorRunning($Instance) {
    try { -not $Instance.Process.HasExited } catch { $false }
}

function Update-EmulatorCurrent {
    # The current emulator is the most recently started one that is still running.
    $script:Current = @($script:Started | Where-Object { Test-EmulatorRunning $_ }) | Select-Object -Last 1
}

function Resolve-EmulatorInstance {
    # The -Emulator given, else the current one; an ErrorRecord (returned) when there is none or it has exited.
    param($Emulator, [switch] $AllowExited)
    if ($null -eq $Emulator) {
        Update-EmulatorCurrent
        $Emulator = $script:Current
        if ($null -eq $Emulator) {
            return New-EmulatorErrorRecord -Message 'No emulator is running in this session: start one with Start-GovernanceEmulator, or pass -Emulator.' -ErrorId 'NoCurrentEmulator' -Category ObjectNotFound
        }
    }
    if (-not $AllowExited -and -not (Test-EmulatorRunning $Emulator)) {
        return New-EmulatorErrorRecord -Message "The emulator at $($Emulator.Uri) (process $($Emulator.ProcessId)) is no longer running: start another with Start-GovernanceEmulator." -ErrorId 'EmulatorNotRunning' -Category ResourceUnavailable -TargetObject $Emulator
    }
    $Emulator
}

function Invoke-EmulatorAdmin {
    # One call to /_emulator/<Path>; the emulator's {"errors":[...]} answer becomes the error message.
    param([Parameter(Mandatory)] $Emulator, [string] $Method = 'Get', [Parameter(Mandatory)] [string] $Path, [object] $Body)
    $parameters = @{ Uri = "$($Emulator.Uri)/_emulator/$Path"; Method = $Method; UseBasicParsing = $true; TimeoutSec = 30; ErrorAction = 'Stop'; Verbose = $false; Debug = $false }
    if ($null -ne $Body) {
        $parameters['Body'] = [System.Text.Encoding]::UTF8.GetBytes(($Body | ConvertTo-Json -Depth 10 -Compress))
        $parameters['ContentType'] = 'application/json; charset=utf-8'
    }
    try { Invoke-RestMethod @parameters }
    catch {
        $detail = $_.Exception.Message
        if ($_.ErrorDetails -and $_.ErrorDetails.Message) {
            $detail = $_.ErrorDetails.Message
            try { $detail = @(($detail | ConvertFrom-Json).errors) -join ' ' } catch { }
        }
        throw (New-EmulatorErrorRecord -Message "$($Method.ToUpperInvariant()) /_emulator/$Path failed: $detail" -ErrorId 'EmulatorAdminRequestFailed' -Category InvalidResult -TargetObject $Emulator -InnerException $_.Exception)
    }
}

function ConvertFrom-EmulatorJson {
    # An object of /_emulator/module/ with the module's type name: its members as the emulator wrote them, an object
    # member as a hashtable, a timestamp as a DateTimeOffset (Windows PowerShell leaves it a string, PowerShell 7 a
    # DateTime).
    param($InputObject, [string] $TypeName)
    $members = [ordered]@{ PSTypeName = $TypeName }
    foreach ($property in $InputObject.PSObject.Properties) {
        $value = $property.Value
        if ($value -is [System.Management.Automation.PSCustomObject]) {
            $table = @{}; foreach ($inner in $value.PSObject.Properties) { $table[$inner.Name] = $inner.Value }; $value = $table
        }
        elseif ($value -is [datetime]) { $value = [System.DateTimeOffset]::new($value) }
        elseif ($value -is [string] -and $value -match $script:IsoTime) { $value = [System.DateTimeOffset]::Parse($value, [System.Globalization.CultureInfo]::InvariantCulture) }
        $members[$property.Name] = $value
    }
    [pscustomobject] $members
}

function Invoke-EmulatorChange {
    # The body of a public function that changes the emulator with one admin call: resolve it, ask ShouldProcess, call.
    param([Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet, $Emulator, [string] $Action, [string] $Method, [string] $Path, [switch] $PassThru)
    $instance = Resolve-EmulatorInstance -Emulator $Emulator
    if ($instance -is [System.Management.Automation.ErrorRecord]) { $Cmdlet.ThrowTerminatingError($instance) }
    if ($Cmdlet.ShouldProcess($instance.Uri, $Action)) {
        try { $null = Invoke-EmulatorAdmin -Emulator $instance -Method $Method -Path $Path } catch { $Cmdlet.ThrowTerminatingError($_) }
    }
    if ($PassThru) { $instance }
}

function Stop-EmulatorProcess {
    param([Parameter(Mandatory)] [System.Diagnostics.Process] $Process, [int] $TimeoutSec = 10)
    try { if ($Process.HasExited) { return $true } } catch { return $true }
    try { $Process.Kill() } catch [System.InvalidOperationException] { }
    $exited = $Process.WaitForExit($TimeoutSec * 1000)
    if ($exited) { $Process.WaitForExit() } # lets the asynchronous output readers finish
    $exited
}

function Start-EmulatorProcess {
    # The emulator as a child process; its standard input is the lifeline the system closes when this process ends.
    param([string] $Dotnet, [string[]] $ArgumentList)
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($Dotnet, (Join-EmulatorArgument (@($script:EmulatorAssembly, '--exit-when-stdin-closes', 'true') + $ArgumentList)))
    $startInfo.WorkingDirectory = Split-Path $script:EmulatorAssembly -Parent
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardInput = $startInfo.RedirectStandardOutput = $startInfo.RedirectStandardError = $true
    Write-Verbose "Starting: $Dotnet $($startInfo.Arguments)"
    [System.Diagnostics.Process]::Start($startInfo)
}

function Wait-EmulatorReady {
    # Waits until the emulator prints "Emulator listening on <uri>" and then answers /_emulator/health. Returns its
    # Uri, or a Failure (timeout, exited) with what it printed.
    param([System.Diagnostics.Process] $Process, [int] $TimeoutSec)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $result = @{ Uri = $null; Failure = $null; Output = [System.Collections.Generic.List[string]]::new() }
    $read = $Process.StandardOutput.ReadLineAsync()
    while ($null -eq $result.Uri) {
        if ([DateTime]::UtcNow -ge $deadline) { $result.Failure = 'timeout'; return $result }
        if (-not $read.Wait(100)) { continue }
        if ($null -eq $read.Result) { $result.Failure = 'exited'; return $result }
        $result.Output.Add($read.Result)
        if ($read.Result -match '^Emulator listening on (?<uri>http://\S+)') { $result.Uri = $Matches['uri'].TrimEnd('/') }
        else { $read = $Process.StandardOutput.ReadLineAsync() }
    }
    # Keep draining its output so that it never blocks on a full pipe.
    $null = $Process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    while ($true) {
        try { if ((Invoke-RestMethod -Uri "$($result.Uri)/_emulator/health" -UseBasicParsing -TimeoutSec 5 -ErrorAction Stop -Verbose:$false).status -eq 'ok') { return $result } }
        catch { Write-Verbose "Not answering yet: $($_.Exception.Message)" }
        if ($Process.HasExited) { $result.Failure = 'exited'; return $result }
        if ([DateTime]::UtcNow -ge $deadline) { $result.Failure = 'timeout'; return $result }
        Start-Sleep -Milliseconds 100
    }
}

function New-EmulatorStartError {
    # Why the emulator did not start, with what it printed; the process is stopped.
    param([System.Diagnostics.Process] $Process, $Ready, [System.Threading.Tasks.Task[string]] $ErrorText, [int] $TimeoutSec, [string] $CommandLine)
    $exitCode = $null
    if ($Ready.Failure -eq 'exited' -and $Process.WaitForExit(5000)) { $Process.WaitForExit(); $exitCode = $Process.ExitCode }
    else { $null = Stop-EmulatorProcess $Process }
    $stderr = ''
    if ($ErrorText.Wait(2000)) { $stderr = $ErrorText.Result.Trim() }
    $said = (@($Ready.Output) + @($stderr) | Where-Object { $_ }) -join [Environment]::NewLine
    if ($Ready.Failure -eq 'timeout') { $message, $id, $category = "The emulator did not answer within $TimeoutSec s (-TimeoutSec); it was stopped.", 'EmulatorStartTimeout', 'OperationTimeout' }
    elseif ($null -ne $exitCode) { $message, $id, $category = "The emulator exited during startup (exit code $exitCode).", 'EmulatorStartFailed', 'OpenError' }
    else { $message, $id, $category = 'The emulator exited during startup.', 'EmulatorStartFailed', 'OpenError' }
    if ($said) { $message += " It said:$([Environment]::NewLine)$said" }
    New-EmulatorErrorRecord -Message $message -ErrorId $id -Category $category -TargetObject $CommandLine
}

#endregion

function Start-GovernanceEmulator {
    # .ExternalHelp GovernanceModule.Emulator-help.xml
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('GovernanceModule.Emulator.Instance')]
    param(
        [ValidateRange(0, 65535)] [int] $Port = 0,
        [ValidateRange(1, 3600)] [int] $TimeoutSec = 60,
        [switch] $Strict,
        [string[]] $ArgumentList = @()
    )
    if (-not (Test-Path -LiteralPath $script:EmulatorAssembly -PathType Leaf)) {
        $PSCmdlet.ThrowTerminatingError((New-EmulatorErrorRecord -Message "The emulator is missing from this module: $($script:EmulatorAssembly) does not exist. Rebuild the module (./build.ps1 Build) or reinstall it." -ErrorId 'EmulatorAssemblyNotFound' -Category ObjectNotFound -TargetObject $script:EmulatorAssembly))
    }
    $dotnet = Resolve-EmulatorDotnet -Candidate @(Get-EmulatorDotnetCandidate)
    if ($dotnet -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($dotnet) }
    if (-not $PSCmdlet.ShouldProcess("http://127.0.0.1:$Port", 'Start the GovernanceModule emulator')) { return }
    $arguments = @('--urls', "http://127.0.0.1:$Port")
    if ($Strict) { $arguments += @('--Emulator:Strict', 'true') }
    $process = Start-EmulatorProcess -Dotnet $dotnet -ArgumentList ($arguments + $ArgumentList)
    $errorText = $process.StandardError.ReadToEndAsync()
    try {
        $ready = Wait-EmulatorReady -Process $process -TimeoutSec $TimeoutSec
        if (-not $ready.Failure) { $demo = Invoke-RestMethod -Uri "$($ready.Uri)/_emulator/module/instance" -UseBasicParsing -TimeoutSec 30 -ErrorAction Stop -Verbose:$false }
    }
    catch { $null = Stop-EmulatorProcess $process; throw }
    if ($ready.Failure) {
        $PSCmdlet.ThrowTerminatingError((New-EmulatorStartError -Process $process -Ready $ready -ErrorText $errorText -TimeoutSec $TimeoutSec -CommandLine "$dotnet $($process.StartInfo.Arguments)"))
    }
    $instance = [pscustomobject]@{
        PSTypeName    = $script:InstanceTypeName
        Uri           = $ready.Uri
        ProcessId     = $process.Id
        StartTime     = [DateTime]::Now
        OigCredential = [System.Management.Automation.PSCredential]::new($demo.OigCredential.UserName, (ConvertTo-EmulatorSecureString $demo.OigCredential.Password))
        NermToken     = ConvertTo-EmulatorSecureString $demo.NermToken
        IscCredential = [System.Management.Automation.PSCredential]::new($demo.IscCredential.UserName, (ConvertTo-EmulatorSecureString $demo.IscCredential.Password))
        Process       = $process
    }
    $script:Started.Add($instance)
    $script:Current = $instance
    $instance
}

function Stop-GovernanceEmulator {
    # .ExternalHelp GovernanceModule.Emulator-help.xml
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('GovernanceModule.Emulator.Instance')]
    param(
        [Parameter(ValueFromPipeline)] [PSTypeName('GovernanceModule.Emulator.Instance')] [psobject] $Emulator,
        [ValidateRange(1, 600)] [int] $TimeoutSec = 10,
        [switch] $PassThru
    )
    process {
        $instance = Resolve-EmulatorInstance -Emulator $Emulator -AllowExited
        if ($instance -is [System.Management.Automation.ErrorRecord]) { Write-Verbose 'No emulator started by this module is running: nothing to stop.'; return }
        if ($PSCmdlet.ShouldProcess("$($instance.Uri) (process $($instance.ProcessId))", 'Stop the GovernanceModule emulator')) {
            if (-not (Stop-EmulatorProcess -Process $instance.Process -TimeoutSec $TimeoutSec)) {
                $PSCmdlet.WriteError((New-EmulatorErrorRecord -Message "The emulator process $($instance.ProcessId) did not exit within $TimeoutSec s (-TimeoutSec)." -ErrorId 'EmulatorStopTimeout' -Category OperationTimeout -TargetObject $instance))
                return
            }
            $null = $script:Started.Remove($instance)
            Update-EmulatorCurrent
        }
        if ($PassThru) { $instance }
    }
}

function Get-GovernanceEmulatorRequest {
    # .ExternalHelp GovernanceModule.Emulator-help.xml
    [CmdletBinding()]
    [OutputType('GovernanceModule.Emulator.Request')]
    param(
        [ValidateSet('oig', 'nerm', 'isc', 'other')] [string] $Api,
        [string[]] $Method,
        [string] $Path,
        [Parameter(ValueFromPipeline)] [PSTypeName('GovernanceModule.Emulator.Instance')] [psobject] $Emulator
    )
    process {
        $instance = Resolve-EmulatorInstance -Emulator $Emulator
        if ($instance -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($instance) }
        try { $journal = Invoke-EmulatorAdmin -Emulator $instance -Path "module/requests?api=$Api" } catch { $PSCmdlet.ThrowTerminatingError($_) }
        # Invoke-RestMethod writes a JSON array as one object in some PowerShell versions and item by item in others:
        # foreach walks either (and nothing for an empty journal), so each request is one output object.
        foreach ($entry in $journal) {
            if ($null -eq $entry) { continue }
            if ($Method -and $Method -notcontains [string] $entry.Method) { continue }
            if ($Path -and [string] $entry.Path -notlike $Path) { continue }
            ConvertFrom-EmulatorJson $entry $script:RequestTypeName
        }
    }
}

function Set-GovernanceEmulatorFault {
    # .ExternalHelp GovernanceModule.Emulator-help.xml
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Latency')]
    [OutputType('GovernanceModule.Emulator.Fault')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Status')] [ValidateRange(100, 599)] [int] $StatusCode,
        [Parameter(Mandatory, ParameterSetName = 'Drop')] [ValidateSet('Before', 'After')] [string] $Drop,
        [Parameter(Mandatory, ParameterSetName = 'Latency')] [Parameter(ParameterSetName = 'Status')] [Parameter(ParameterSetName = 'Drop')]
        [Alias('Latency')] [ValidateRange(0, 3600000)] [int] $LatencyMs,
        [ValidateSet('oig', 'nerm', 'isc', 'other')] [string] $Api,
        [string] $Method,
        [string] $PathPrefix,
        [ValidateRange(1, [int]::MaxValue)] [int] $Count,
        [ValidateRange(1, [int]::MaxValue)] [int] $Every = 1,
        [Parameter(ParameterSetName = 'Status')] [Alias('RetryAfter')] [ValidateRange(0, [int]::MaxValue)] [int] $RetryAfterSec,
        [Parameter(ParameterSetName = 'Status')] [string] $Body,
        [Parameter(ParameterSetName = 'Status')] [string] $ContentType,
        [Parameter(ValueFromPipeline)] [PSTypeName('GovernanceModule.Emulator.Instance')] [psobject] $Emulator
    )
    process {
        $instance = Resolve-EmulatorInstance -Emulator $Emulator
        if ($instance -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($instance) }
        # The emulator takes the parameters as they are (POST /_emulator/module/faults) and answers the stored rule.
        $skip = @([System.Management.Automation.Cmdlet]::CommonParameters) + [System.Management.Automation.Cmdlet]::OptionalCommonParameters + 'Emulator'
        $rule = [ordered]@{}
        foreach ($name in $PSBoundParameters.Keys) { if ($skip -notcontains $name) { $rule[$name] = $PSBoundParameters[$name] } }
        $what = ($rule.Keys | ForEach-Object { "-$_ $($rule[$_])" }) -join ' '
        if (-not $PSCmdlet.ShouldProcess($instance.Uri, "Add the fault rule $what")) { return }
        try { $stored = Invoke-EmulatorAdmin -Emulator $instance -Method Post -Path 'module/faults' -Body $rule } catch { $PSCmdlet.ThrowTerminatingError($_) }
        ConvertFrom-EmulatorJson $stored $script:FaultTypeName
    }
}

function Clear-GovernanceEmulatorFault {
    # .ExternalHelp GovernanceModule.Emulator-help.xml
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('GovernanceModule.Emulator.Instance')]
    param(
        [Parameter(ValueFromPipeline)] [PSTypeName('GovernanceModule.Emulator.Instance')] [psobject] $Emulator,
        [switch] $PassThru
    )
    process {
        Invoke-EmulatorChange -Cmdlet $PSCmdlet -Emulator $Emulator -Action 'Remove every fault rule' -Method Delete -Path 'faults' -PassThru:$PassThru
    }
}

function Reset-GovernanceEmulator {
    # .ExternalHelp GovernanceModule.Emulator-help.xml
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('GovernanceModule.Emulator.Instance')]
    param(
        [Parameter(ValueFromPipeline)] [PSTypeName('GovernanceModule.Emulator.Instance')] [psobject] $Emulator,
        [switch] $PassThru
    )
    process {
        Invoke-EmulatorChange -Cmdlet $PSCmdlet -Emulator $Emulator -Action 'Reset the data, the request journal and the faults' -Method Post -Path 'reset' -PassThru:$PassThru
    }
}

# Default views: a few columns, credentials shown by user name only (a PSCredential prints no password anyway).
Update-TypeData -TypeName $script:InstanceTypeName -DefaultDisplayPropertySet Uri, ProcessId, StartTime -Force
Update-TypeData -TypeName $script:RequestTypeName -DefaultDisplayPropertySet Sequence, Api, Method, Path, Status, Outcome -Force
Update-TypeData -TypeName $script:FaultTypeName -DefaultDisplayPropertySet Api, Method, PathPrefix, StatusCode, Drop, LatencyMs, Count, Every -Force

# Remove-Module (and Import-Module -Force) stops every emulator this module started.
$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($instance in @($script:Started)) { $null = Stop-EmulatorProcess -Process $instance.Process -TimeoutSec 10 }
    $script:Started.Clear()
    $script:Current = $null
}

Export-ModuleMember -Function Start-GovernanceEmulator, Stop-GovernanceEmulator, Get-GovernanceEmulatorRequest, Set-GovernanceEmulatorFault, Clear-GovernanceEmulatorFault, Reset-GovernanceEmulator
