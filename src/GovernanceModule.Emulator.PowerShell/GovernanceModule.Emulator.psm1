# GovernanceModule.Emulator: runs the GovernanceModule emulator (bin/GovernanceModule.Emulator.dll, an ASP.NET Core
# app) as a child process on 127.0.0.1 and drives its test-control surface under /_emulator/.
# Windows PowerShell 5.1 syntax only: no ??, ?., ternary, && or ||.

Set-StrictMode -Version 3.0

$script:EmulatorAssembly = Join-Path (Join-Path $PSScriptRoot 'bin') 'GovernanceModule.Emulator.dll'
$script:MinimumAspNetCoreMajor = 8
$script:InstanceTypeName = 'GovernanceModule.Emulator.Instance'
$script:RequestTypeName = 'GovernanceModule.Emulator.Request'
$script:FaultTypeName = 'GovernanceModule.Emulator.Fault'

# Every emulator this module started and has not stopped, oldest first; the current one is the last still running.
$script:Started = [System.Collections.Generic.List[object]]::new()
$script:Current = $null

#region helpers (not exported)

function New-EmulatorErrorRecord {
    param(
        [Parameter(Mandatory)] [string] $Message,
        [Parameter(Mandatory)] [string] $ErrorId,
        [System.Management.Automation.ErrorCategory] $Category = 'InvalidOperation',
        [object] $TargetObject,
        [System.Exception] $InnerException
    )
    if ($InnerException) {
        $exception = [System.InvalidOperationException]::new($Message, $InnerException)
    }
    else {
        $exception = [System.InvalidOperationException]::new($Message)
    }
    [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
}

function Test-EmulatorOnWindows {
    [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
}

function Get-EmulatorDotnetCandidate {
    # The dotnet executables to try, in order, that exist: the one on PATH, $env:DOTNET_ROOT, the one running this
    # PowerShell (a dotnet-tool pwsh) or the installation of the runtime it runs on, then the default install folders.
    $exe = 'dotnet'
    if (Test-EmulatorOnWindows) { $exe = 'dotnet.exe' }
    $paths = [System.Collections.Generic.List[string]]::new()

    $onPath = Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) { $paths.Add($onPath.Path) }
    if ($env:DOTNET_ROOT) { $paths.Add((Join-Path $env:DOTNET_ROOT $exe)) }

    $self = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ((Split-Path $self -Leaf) -eq $exe) {
        $paths.Add($self)
    }
    else {
        $paths.Add((Join-Path (Split-Path $self -Parent) $exe))
    }
    if ($PSVersionTable.PSEdition -eq 'Core') {
        # <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        $runtimeDirectory = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
        $root = Split-Path (Split-Path (Split-Path $runtimeDirectory.TrimEnd('\', '/') -Parent) -Parent) -Parent
        if ($root) { $paths.Add((Join-Path $root $exe)) }
    }

    if (Test-EmulatorOnWindows) {
        if ($env:ProgramFiles) { $paths.Add((Join-Path (Join-Path $env:ProgramFiles 'dotnet') $exe)) }
    }
    else {
        $paths.Add('/usr/share/dotnet/dotnet')
        $paths.Add('/usr/lib/dotnet/dotnet')
        $paths.Add('/usr/local/share/dotnet/dotnet')
        if ($env:HOME) { $paths.Add((Join-Path (Join-Path $env:HOME '.dotnet') 'dotnet')) }
    }

    $seen = @{}
    foreach ($path in $paths) {
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { continue }
        $full = (Resolve-Path -LiteralPath $path).ProviderPath
        if ($seen.ContainsKey($full)) { continue }
        $seen[$full] = $true
        $full
    }
}

function Resolve-EmulatorDotnet {
    # The first candidate whose `dotnet --list-runtimes` lists Microsoft.AspNetCore.App 8 or later; otherwise an
    # ErrorRecord (returned, not thrown, so that the caller reports it as its own) naming what to install.
    param([string[]] $Candidate = @())
    $checked = [System.Collections.Generic.List[string]]::new()
    foreach ($path in $Candidate) {
        try {
            $lines = @(& $path --list-runtimes 2>$null)
            $exitCode = $LASTEXITCODE
        }
        catch {
            $checked.Add("$path (could not be run: $($_.Exception.Message))")
            continue
        }
        if ($exitCode -ne 0) {
            $checked.Add("$path (dotnet --list-runtimes failed with exit code $exitCode)")
            continue
        }
        $versions = @(foreach ($line in $lines) {
                if ("$line" -match '^Microsoft\.AspNetCore\.App (?<version>(?<major>\d+)\.\S+)') {
                    [pscustomobject]@{ Version = $Matches['version']; Major = [int] $Matches['major'] }
                }
            })
        if (@($versions | Where-Object { $_.Major -ge $script:MinimumAspNetCoreMajor }).Count -gt 0) {
            return $path
        }
        if ($versions.Count -eq 0) {
            $checked.Add("$path (no Microsoft.AspNetCore.App)")
        }
        else {
            $checked.Add("$path (Microsoft.AspNetCore.App $(($versions | ForEach-Object Version) -join ', ') only)")
        }
    }
    if ($checked.Count -eq 0) { $checked.Add('no dotnet executable was found (PATH, DOTNET_ROOT, beside this PowerShell, default install folders)') }
    $install = 'Install the ASP.NET Core Runtime 8.0 or later (it includes the .NET Runtime) from https://dotnet.microsoft.com/download/dotnet'
    if (Test-EmulatorOnWindows) { $install += ' or with `winget install Microsoft.DotNet.AspNetCore.8`' }
    $message = "The GovernanceModule emulator needs the ASP.NET Core Runtime $($script:MinimumAspNetCoreMajor).0 or later " +
    "(Microsoft.AspNetCore.App), and no .NET installation found has it. Checked: $($checked -join '; '). " +
    "$install; then start a new PowerShell, or set DOTNET_ROOT to the folder of a dotnet that has it."
    New-EmulatorErrorRecord -Message $message -ErrorId 'AspNetCoreRuntimeNotFound' -Category NotInstalled -TargetObject 'Microsoft.AspNetCore.App'
}

function Join-EmulatorArgument {
    # One command line from separate arguments, quoted as the .NET runtime splits them (on every OS): 5.1 has no
    # ProcessStartInfo.ArgumentList.
    param([string[]] $Argument)
    $quoted = foreach ($item in $Argument) {
        if ($item -ne '' -and $item -notmatch '[\s"]') {
            $item
            continue
        }
        $text = $item -replace '(\\*)"', '$1$1\"'
        $text = $text -replace '(\\+)$', '$1$1'
        '"' + $text + '"'
    }
    $quoted -join ' '
}

function ConvertTo-EmulatorSecureString {
    param([string] $Text)
    $secure = [System.Security.SecureString]::new()
    foreach ($character in $Text.ToCharArray()) { $secure.AppendChar($character) }
    $secure.MakeReadOnly()
    $secure
}

function Test-EmulatorRunning {
    param($Instance)
    try { -not $Instance.Process.HasExited } catch { $false }
}

function Update-EmulatorCurrent {
    # The current emulator is the most recently started one that is still running.
    $script:Current = $null
    for ($i = $script:Started.Count - 1; $i -ge 0; $i--) {
        if (Test-EmulatorRunning $script:Started[$i]) {
            $script:Current = $script:Started[$i]
            return
        }
    }
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
    param(
        [Parameter(Mandatory)] $Emulator,
        [string] $Method = 'Get',
        [Parameter(Mandatory)] [string] $Path,
        [object] $Body
    )
    $parameters = @{
        Uri             = "$($Emulator.Uri)/_emulator/$Path"
        Method          = $Method
        UseBasicParsing = $true
        TimeoutSec      = 30
        ErrorAction     = 'Stop'
        Verbose         = $false
        Debug           = $false
    }
    if ($null -ne $Body) {
        $parameters['Body'] = [System.Text.Encoding]::UTF8.GetBytes(($Body | ConvertTo-Json -Depth 10 -Compress))
        $parameters['ContentType'] = 'application/json; charset=utf-8'
    }
    try {
        Invoke-RestMethod @parameters
    }
    catch {
        $failure = $_
        $detail = $null
        if ($failure.ErrorDetails -and $failure.ErrorDetails.Message) {
            $detail = $failure.ErrorDetails.Message
            try { $detail = @(($detail | ConvertFrom-Json).errors) -join ' ' } catch { }
        }
        if (-not $detail) { $detail = $failure.Exception.Message }
        throw (New-EmulatorErrorRecord -Message "$($Method.ToUpperInvariant()) /_emulator/$Path failed: $detail" -ErrorId 'EmulatorAdminRequestFailed' -Category InvalidResult -TargetObject $Emulator -InnerException $failure.Exception)
    }
}

function Invoke-EmulatorChange {
    # The body of a public function that changes the emulator with one admin call: resolve it, ask ShouldProcess, call.
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        $Emulator,
        [Parameter(Mandatory)] [string] $Action,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [switch] $PassThru
    )
    $instance = Resolve-EmulatorInstance -Emulator $Emulator
    if ($instance -is [System.Management.Automation.ErrorRecord]) { $Cmdlet.ThrowTerminatingError($instance) }
    if ($Cmdlet.ShouldProcess($instance.Uri, $Action)) {
        try {
            $null = Invoke-EmulatorAdmin -Emulator $instance -Method $Method -Path $Path
        }
        catch {
            $Cmdlet.ThrowTerminatingError($_)
        }
    }
    if ($PassThru) { $instance }
}

function Stop-EmulatorProcess {
    param([Parameter(Mandatory)] $Instance, [int] $TimeoutSec = 10)
    $process = $Instance.Process
    if (-not (Test-EmulatorRunning $Instance)) { return $true }
    try { $process.Kill() } catch [System.InvalidOperationException] { }
    $exited = $process.WaitForExit($TimeoutSec * 1000)
    if ($exited) { $process.WaitForExit() } # lets the asynchronous output readers finish
    $exited
}

function ConvertTo-EmulatorDateTimeOffset {
    param($Value)
    if ($Value -is [System.DateTimeOffset]) { return $Value }
    if ($Value -is [datetime]) { return [System.DateTimeOffset]::new($Value) }
    [System.DateTimeOffset]::Parse([string] $Value, [System.Globalization.CultureInfo]::InvariantCulture)
}

function ConvertTo-EmulatorRequest {
    param($Entry)
    $headers = @{}
    if ($null -ne $Entry.headers) {
        foreach ($property in $Entry.headers.PSObject.Properties) { $headers[$property.Name] = [string] $property.Value }
    }
    [pscustomobject]@{
        PSTypeName    = $script:RequestTypeName
        Sequence      = [long] $Entry.sequence
        Time          = ConvertTo-EmulatorDateTimeOffset $Entry.time
        Api           = [string] $Entry.api
        Method        = [string] $Entry.method
        Path          = [string] $Entry.path
        Query         = [string] $Entry.query
        Headers       = $headers
        Body          = [string] $Entry.body
        BodyTruncated = [bool] $Entry.bodyTruncated
        Status        = [int] $Entry.status
        Outcome       = [string] $Entry.outcome
    }
}

function ConvertTo-EmulatorFault {
    param($Rule)
    $drop = $null
    if ($Rule.mode -eq 'drop-before') { $drop = 'Before' }
    elseif ($Rule.mode -eq 'drop-after') { $drop = 'After' }
    [pscustomobject]@{
        PSTypeName    = $script:FaultTypeName
        Api           = $Rule.api
        Method        = $Rule.method
        PathPrefix    = $Rule.pathPrefix
        StatusCode    = [int] $Rule.status
        RetryAfterSec = $Rule.retryAfterSeconds
        LatencyMs     = [int] $Rule.latencyMs
        Drop          = $drop
        Count         = [int] $Rule.count
        Every         = [int] $Rule.every
        Body          = $Rule.body
        ContentType   = $Rule.contentType
        Mode          = [string] $Rule.mode
    }
}

#endregion

function Start-GovernanceEmulator {
    <#
    .SYNOPSIS
        Starts the GovernanceModule emulator of the OIG, NERM and ISC APIs on 127.0.0.1 and returns it with its demo
        credentials.
    .DESCRIPTION
        Runs the emulator that ships in this module (bin/GovernanceModule.Emulator.dll) as a child process of this
        PowerShell, listening on http://127.0.0.1 only, and waits until its /_emulator/health endpoint answers.

        REQUIREMENT: the ASP.NET Core Runtime 8.0 or later (Microsoft.AspNetCore.App 8+, which includes the .NET
        Runtime). Any later major version works. The dotnet executable is looked for on PATH, then in $env:DOTNET_ROOT,
        then beside the running PowerShell (a `dotnet tool` pwsh) and in the default install folders; the first whose
        `dotnet --list-runtimes` lists Microsoft.AspNetCore.App 8 or later is used. When none has it, the error
        (AspNetCoreRuntimeNotFound) lists what was checked and names what to install.

        The result is a GovernanceModule.Emulator.Instance object:
          Uri            "http://127.0.0.1:PORT" (no trailing slash): pass it to Connect-OigServer, Connect-NermTenant
                         and Connect-IscTenant -Uri, or append /_emulator/... for the raw test-control surface.
          ProcessId      the emulator's process id.
          StartTime      when it was started.
          OigCredential  PSCredential of the OIG demo user (full rights), for Connect-OigServer -Credential.
          NermToken      SecureString of the NERM demo API key, for Connect-NermTenant -Token.
          IscCredential  PSCredential of the ISC demo client (user name = client id, password = client secret), for
                         Connect-IscTenant -Credential.
          Process        the System.Diagnostics.Process.
        The credentials are read from the running emulator's own options (GET /_emulator/options), so they are right
        even when -ArgumentList changes them.

        The emulator becomes the current one: Stop-GovernanceEmulator, Get-GovernanceEmulatorRequest,
        Set-GovernanceEmulatorFault, Clear-GovernanceEmulatorFault and Reset-GovernanceEmulator use it unless given
        -Emulator. Several can run at once; the current one is the most recently started that still runs.

        The emulator does not outlive this PowerShell: it stops when Stop-GovernanceEmulator is called, when this module
        is removed (Remove-Module, or Import-Module -Force), and when this PowerShell process ends in any way (it holds
        the emulator's standard input, which the system closes). It ignores Ctrl+C, which the terminal also sends to it
        on Linux and macOS when you stop a command.
    .PARAMETER Port
        The TCP port on 127.0.0.1 to listen on. 0 (the default) takes a free port; read it from Uri.
    .PARAMETER TimeoutSec
        How long to wait for the emulator to answer, in seconds (default 60). When it does not, the process is ended
        and an error (EmulatorStartTimeout) is written.
    .PARAMETER ArgumentList
        Further emulator arguments, such as '--Emulator:OigGeneratedTasks', '100000' or
        '--Emulator:OigReverseBulkOrder', 'false' (each option of the emulator; see GET <Uri>/_emulator/options).
    .EXAMPLE
        $emulator = Start-GovernanceEmulator
        Connect-OigServer -Uri $emulator.Uri -Credential $emulator.OigCredential
        Set-ProvTask -TaskId 6 -Note 'checked'
        Get-GovernanceEmulatorRequest -Api oig -Method PUT
        Stop-GovernanceEmulator

        Starts an emulator on a free port, runs one OIG change against it, shows the request it received and stops it.
    .EXAMPLE
        $emulator = Start-GovernanceEmulator -Port 5080
        Connect-NermTenant -Uri $emulator.Uri -Token $emulator.NermToken
        Connect-IscTenant -Uri $emulator.Uri -Credential $emulator.IscCredential

        Starts it on http://127.0.0.1:5080 and connects the NERM and ISC cmdlets of GovernanceModule to it.
    .EXAMPLE
        BeforeAll { $script:Emulator = Start-GovernanceEmulator }
        BeforeEach { Reset-GovernanceEmulator }
        AfterAll { Stop-GovernanceEmulator }

        The Pester pattern: one emulator per test file, reset before each test.
    .OUTPUTS
        GovernanceModule.Emulator.Instance
    .LINK
        Stop-GovernanceEmulator
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('GovernanceModule.Emulator.Instance')]
    param(
        [ValidateRange(0, 65535)]
        [int] $Port = 0,

        [ValidateRange(1, 3600)]
        [int] $TimeoutSec = 60,

        [string[]] $ArgumentList = @()
    )

    if (-not (Test-Path -LiteralPath $script:EmulatorAssembly -PathType Leaf)) {
        $PSCmdlet.ThrowTerminatingError((New-EmulatorErrorRecord -Message "The emulator is missing from this module: $($script:EmulatorAssembly) does not exist. Rebuild the module (./build.ps1 Build) or reinstall it." -ErrorId 'EmulatorAssemblyNotFound' -Category ObjectNotFound -TargetObject $script:EmulatorAssembly))
    }
    $dotnet = Resolve-EmulatorDotnet -Candidate @(Get-EmulatorDotnetCandidate)
    if ($dotnet -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($dotnet) }

    if (-not $PSCmdlet.ShouldProcess("http://127.0.0.1:$Port", 'Start the GovernanceModule emulator')) { return }

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($dotnet)
    $startInfo.Arguments = Join-EmulatorArgument (@($script:EmulatorAssembly, '--urls', "http://127.0.0.1:$Port", '--exit-when-stdin-closes', 'true') + $ArgumentList)
    $startInfo.WorkingDirectory = Split-Path $script:EmulatorAssembly -Parent
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardInput = $true   # the lifeline: closed by the system when this process ends
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    Write-Verbose "Starting: $dotnet $($startInfo.Arguments)"
    $process = [System.Diagnostics.Process]::Start($startInfo)

    $failure = $null
    $uri = $null
    $output = [System.Collections.Generic.List[string]]::new()
    $errorText = $process.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    try {
        # 1. The emulator prints "Emulator listening on http://127.0.0.1:PORT" once it is bound (the port of -Port 0).
        $read = $process.StandardOutput.ReadLineAsync()
        while ($null -eq $uri -and $null -eq $failure) {
            if ([DateTime]::UtcNow -ge $deadline) { $failure = 'timeout'; break }
            if (-not $read.Wait(100)) { continue }
            $line = $read.Result
            if ($null -eq $line) { $failure = 'exited'; break }
            $output.Add($line)
            if ($line -match '^Emulator listening on (?<uri>http://\S+)') {
                $uri = $Matches['uri'].TrimEnd('/')
            }
            else {
                $read = $process.StandardOutput.ReadLineAsync()
            }
        }
        if ($null -eq $failure) {
            # Keep draining its output so that it never blocks on a full pipe.
            $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)

            # 2. It answers on its test-control surface.
            $healthy = $false
            while (-not $healthy) {
                try {
                    $health = Invoke-RestMethod -Uri "$uri/_emulator/health" -UseBasicParsing -TimeoutSec 5 -ErrorAction Stop -Verbose:$false
                    $healthy = $health.status -eq 'ok'
                }
                catch {
                    Write-Verbose "Not answering yet: $($_.Exception.Message)"
                }
                if ($healthy) { break }
                if ($process.HasExited) { $failure = 'exited'; break }
                if ([DateTime]::UtcNow -ge $deadline) { $failure = 'timeout'; break }
                Start-Sleep -Milliseconds 100
            }
        }
        if ($null -eq $failure) {
            # 3. Its demo credentials, from its own options.
            $options = Invoke-RestMethod -Uri "$uri/_emulator/options" -UseBasicParsing -TimeoutSec 30 -ErrorAction Stop -Verbose:$false
            $oigUser = @($options.oigUsers | Where-Object { $_.canWrite }) + @($options.oigUsers) | Select-Object -First 1
            $iscClient = @($options.iscClients) | Select-Object -First 1
            $nermKey = $options.nerm.demoApiKey
            if (-not $nermKey) { $nermKey = @($options.nerm.apiKeys) | Select-Object -First 1 }

            $instance = [pscustomobject]@{
                PSTypeName    = $script:InstanceTypeName
                Uri           = $uri
                ProcessId     = $process.Id
                StartTime     = [DateTime]::Now
                OigCredential = [System.Management.Automation.PSCredential]::new([string] $oigUser.userName, (ConvertTo-EmulatorSecureString ([string] $oigUser.password)))
                NermToken     = ConvertTo-EmulatorSecureString ([string] $nermKey)
                IscCredential = [System.Management.Automation.PSCredential]::new([string] $iscClient.clientId, (ConvertTo-EmulatorSecureString ([string] $iscClient.clientSecret)))
                Process       = $process
            }
        }
    }
    catch {
        $null = Stop-EmulatorProcess ([pscustomobject]@{ Process = $process })
        throw
    }

    if ($null -ne $failure) {
        $exitCode = $null
        if ($failure -eq 'exited' -and $process.WaitForExit(5000)) {
            $process.WaitForExit()
            $exitCode = $process.ExitCode
        }
        else {
            $null = Stop-EmulatorProcess ([pscustomobject]@{ Process = $process })
        }
        $stderr = ''
        if ($errorText.Wait(2000)) { $stderr = $errorText.Result.Trim() }
        $said = (@($output) + @($stderr) | Where-Object { $_ }) -join [Environment]::NewLine
        if ($failure -eq 'timeout') {
            $message = "The emulator did not answer within $TimeoutSec s (-TimeoutSec); it was stopped."
            $id = 'EmulatorStartTimeout'
            $category = [System.Management.Automation.ErrorCategory]::OperationTimeout
        }
        else {
            $message = 'The emulator exited during startup'
            if ($null -ne $exitCode) { $message += " (exit code $exitCode)" }
            $message += '.'
            $id = 'EmulatorStartFailed'
            $category = [System.Management.Automation.ErrorCategory]::OpenError
        }
        if ($said) { $message += " It said:$([Environment]::NewLine)$said" }
        $PSCmdlet.ThrowTerminatingError((New-EmulatorErrorRecord -Message $message -ErrorId $id -Category $category -TargetObject "$dotnet $($startInfo.Arguments)"))
    }

    $script:Started.Add($instance)
    $script:Current = $instance
    $instance
}

function Stop-GovernanceEmulator {
    <#
    .SYNOPSIS
        Stops an emulator started by Start-GovernanceEmulator and waits until its process has exited.
    .DESCRIPTION
        Ends the emulator's process (it keeps no state worth saving) and waits for it to exit, so that nothing is left
        running and its port is free again. Stopping an emulator that has already exited, or calling it without
        -Emulator when none is running, does nothing (so it is safe in a test's AfterAll). Afterwards the current
        emulator is the most recently started one that still runs, if any.
    .PARAMETER Emulator
        The emulator to stop, as returned by Start-GovernanceEmulator; binds from the pipeline. Default: the current one.
    .PARAMETER TimeoutSec
        How long to wait for the process to exit, in seconds (default 10). If it has not exited by then, an error
        (EmulatorStopTimeout) is written.
    .PARAMETER PassThru
        Returns the stopped emulator object.
    .EXAMPLE
        Stop-GovernanceEmulator

        Stops the current emulator.
    .EXAMPLE
        $a = Start-GovernanceEmulator; $b = Start-GovernanceEmulator
        $a, $b | Stop-GovernanceEmulator

        Stops both.
    .OUTPUTS
        None, or GovernanceModule.Emulator.Instance with -PassThru.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('GovernanceModule.Emulator.Instance')]
    param(
        [Parameter(ValueFromPipeline)]
        [PSTypeName('GovernanceModule.Emulator.Instance')]
        [psobject] $Emulator,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 10,

        [switch] $PassThru
    )
    process {
        if ($null -eq $Emulator) {
            Update-EmulatorCurrent
            if ($null -eq $script:Current) {
                Write-Verbose 'No emulator started by this module is running: nothing to stop.'
                return
            }
        }
        $instance = Resolve-EmulatorInstance -Emulator $Emulator -AllowExited
        if ($PSCmdlet.ShouldProcess("$($instance.Uri) (process $($instance.ProcessId))", 'Stop the GovernanceModule emulator')) {
            if (-not (Stop-EmulatorProcess -Instance $instance -TimeoutSec $TimeoutSec)) {
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
    <#
    .SYNOPSIS
        Gets the requests the emulator received on the vendor APIs, one object per request, oldest first.
    .DESCRIPTION
        Reads the emulator's request journal (GET /_emulator/journal) and writes one
        GovernanceModule.Emulator.Request object per request:
          Sequence       increasing number, from 1 after a reset
          Time           DateTimeOffset when it arrived
          Api            oig, nerm, isc or other
          Method         GET, PUT, PATCH, POST, ...
          Path           e.g. /iam/governance/selfservice/api/v1/provtasks
          Query          the raw query string with its '?', or ''
          Headers        hashtable of request headers (Authorization is kept as its scheme plus ***)
          Body           the request body as text (secrets in token requests redacted)
          BodyTruncated  true when Body was cut to the journal's limit
          Status         the status code sent; 0 when the connection was dropped
          Outcome        answered, fault-responded, dropped-before-processing, dropped-after-processing or
                         client-disconnected
        Requests to /_emulator/ are never journaled. Reset-GovernanceEmulator empties the journal.
    .PARAMETER Api
        Only requests of this API: oig, nerm, isc, or other (paths of none of them).
    .PARAMETER Method
        Only requests with one of these HTTP methods (case-insensitive), e.g. PUT or 'PATCH', 'POST'.
    .PARAMETER Path
        Only requests whose path matches this wildcard pattern, e.g. '*/provtasks' or '/v3/*'.
    .PARAMETER Emulator
        The emulator to read, as returned by Start-GovernanceEmulator; binds from the pipeline. Default: the current one.
    .EXAMPLE
        @(Get-GovernanceEmulatorRequest -Api oig -Method PUT).Count

        How many PUT requests OIG received.
    .EXAMPLE
        Get-GovernanceEmulatorRequest -Api nerm -Method PATCH | Select-Object Path, Status, Body

        What each NERM PATCH sent and how it was answered.
    .EXAMPLE
        Get-GovernanceEmulatorRequest -Api isc -Path '/oauth/token'

        The ISC token requests.
    .OUTPUTS
        GovernanceModule.Emulator.Request
    #>
    [CmdletBinding()]
    [OutputType('GovernanceModule.Emulator.Request')]
    param(
        [ValidateSet('oig', 'nerm', 'isc', 'other')]
        [string] $Api,

        [string[]] $Method,

        [string] $Path,

        [Parameter(ValueFromPipeline)]
        [PSTypeName('GovernanceModule.Emulator.Instance')]
        [psobject] $Emulator
    )
    process {
        $instance = Resolve-EmulatorInstance -Emulator $Emulator
        if ($instance -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($instance) }
        $query = 'journal'
        if ($Api) { $query = "journal?api=$($Api.ToLowerInvariant())" }
        try {
            $journal = Invoke-EmulatorAdmin -Emulator $instance -Path $query
        }
        catch {
            $PSCmdlet.ThrowTerminatingError($_)
        }
        # Invoke-RestMethod writes a JSON array as one object in some PowerShell versions and item by item in others:
        # foreach walks either (and nothing for an empty journal), so each request is one output object.
        foreach ($entry in $journal) {
            if ($null -eq $entry) { continue }
            if ($Method -and $Method -notcontains [string] $entry.method) { continue }
            if ($Path -and [string] $entry.path -notlike $Path) { continue }
            ConvertTo-EmulatorRequest $entry
        }
    }
}

function Set-GovernanceEmulatorFault {
    <#
    .SYNOPSIS
        Makes the emulator fail matching vendor requests: an error status, a dropped connection or a delay.
    .DESCRIPTION
        Adds one fault rule to the emulator (POST /_emulator/faults). The rule applies to vendor requests that match
        all of -Api, -Method and -PathPrefix (each omitted = any), in front of authentication, as a network or proxy
        fault would. Rules are kept in the order added and the first matching rule with requests left applies; a rule
        stays until its -Count is used up, or until Clear-GovernanceEmulatorFault or Reset-GovernanceEmulator.
        Requests to /_emulator/ are never faulted.

        What the rule does:
          -StatusCode N            answers N (with the API's own error body, or -Body) without processing the request
          -Drop Before             closes the connection before processing: nothing changes on the server
          -Drop After              processes the request (the change applies), then closes the connection unanswered
          -LatencyMs N             waits N ms first; alone, it only delays the request
        The journal shows faulted requests with Outcome fault-responded, dropped-before-processing or
        dropped-after-processing (Status 0 when dropped).

        Writes the stored rule as a GovernanceModule.Emulator.Fault object (Api, Method, PathPrefix, StatusCode,
        RetryAfterSec, LatencyMs, Drop, Count (-1 = until cleared), Every, Body, ContentType, Mode).
    .PARAMETER StatusCode
        The HTTP status to answer, 100-599, e.g. 503, 429, 404 or 500.
    .PARAMETER Drop
        Before or After: close the connection without an answer, before or after the request is processed.
    .PARAMETER LatencyMs
        Milliseconds to wait before the fault, or before passing the request on when it is the only action. Alias:
        Latency.
    .PARAMETER Api
        Only requests of this API: oig, nerm, isc or other. Default: any.
    .PARAMETER Method
        Only requests with this HTTP method, e.g. PUT (case-insensitive). Default: any.
    .PARAMETER PathPrefix
        Only requests whose path starts with this text (case-insensitive), e.g.
        '/iam/governance/selfservice/api/v1/provtasks' or '/oauth/token'. Default: any.
    .PARAMETER Count
        How many matching requests the rule applies to before it is removed, e.g. 1 for the next one only. Default:
        every matching request until the rule is cleared.
    .PARAMETER Every
        Applies to every Nth matching request only (1 = each one, the default): 3 faults the 3rd, 6th, ... Requests
        passed over do not use up -Count.
    .PARAMETER RetryAfterSec
        Sent as the Retry-After header (seconds) with -StatusCode, e.g. with 429 or 503. Alias: RetryAfter.
    .PARAMETER Body
        With -StatusCode, the response body to send instead of the API's own error body, e.g. a proxy's HTML page.
    .PARAMETER ContentType
        The Content-Type sent with -Body (default application/json).
    .PARAMETER Emulator
        The emulator to change, as returned by Start-GovernanceEmulator; binds from the pipeline. Default: the current
        one.
    .EXAMPLE
        Set-GovernanceEmulatorFault -Api nerm -Method PATCH -StatusCode 404 -Count 1

        The next NERM PATCH is answered 404; the one after goes through.
    .EXAMPLE
        Set-GovernanceEmulatorFault -Api oig -Method PUT -StatusCode 503 -RetryAfterSec 2 -Every 3

        Every third OIG PUT gets 503 with Retry-After: 2, until the rule is cleared.
    .EXAMPLE
        Set-GovernanceEmulatorFault -Api isc -Method PATCH -Drop After -Count 1

        The next ISC PATCH is applied but never answered: the client sees a dropped connection with an unknown outcome.
    .EXAMPLE
        Set-GovernanceEmulatorFault -Api oig -LatencyMs 2000

        Every OIG request is answered two seconds late.
    .OUTPUTS
        GovernanceModule.Emulator.Fault
    #>
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Latency')]
    [OutputType('GovernanceModule.Emulator.Fault')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Status')]
        [ValidateRange(100, 599)]
        [int] $StatusCode,

        [Parameter(Mandatory, ParameterSetName = 'Drop')]
        [ValidateSet('Before', 'After')]
        [string] $Drop,

        [Parameter(Mandatory, ParameterSetName = 'Latency')]
        [Parameter(ParameterSetName = 'Status')]
        [Parameter(ParameterSetName = 'Drop')]
        [Alias('Latency')]
        [ValidateRange(0, 3600000)]
        [int] $LatencyMs,

        [ValidateSet('oig', 'nerm', 'isc', 'other')]
        [string] $Api,

        [string] $Method,

        [string] $PathPrefix,

        [ValidateRange(1, [int]::MaxValue)]
        [int] $Count,

        [ValidateRange(1, [int]::MaxValue)]
        [int] $Every = 1,

        [Parameter(ParameterSetName = 'Status')]
        [Alias('RetryAfter')]
        [ValidateRange(0, [int]::MaxValue)]
        [int] $RetryAfterSec,

        [Parameter(ParameterSetName = 'Status')]
        [string] $Body,

        [Parameter(ParameterSetName = 'Status')]
        [string] $ContentType,

        [Parameter(ValueFromPipeline)]
        [PSTypeName('GovernanceModule.Emulator.Instance')]
        [psobject] $Emulator
    )
    process {
        $instance = Resolve-EmulatorInstance -Emulator $Emulator
        if ($instance -is [System.Management.Automation.ErrorRecord]) { $PSCmdlet.ThrowTerminatingError($instance) }

        # The emulator's FaultRule (src/GovernanceModule.Emulator/Infrastructure/FaultRule.cs), camelCase.
        $rule = [ordered]@{ every = $Every; count = -1; mode = 'respond'; status = 0; latencyMs = 0 }
        if ($PSBoundParameters.ContainsKey('Api')) { $rule['api'] = $Api.ToLowerInvariant() }
        if ($PSBoundParameters.ContainsKey('Method')) { $rule['method'] = $Method.ToUpperInvariant() }
        if ($PSBoundParameters.ContainsKey('PathPrefix')) { $rule['pathPrefix'] = $PathPrefix }
        if ($PSBoundParameters.ContainsKey('Count')) { $rule['count'] = $Count }
        if ($PSBoundParameters.ContainsKey('LatencyMs')) { $rule['latencyMs'] = $LatencyMs }
        if ($PSBoundParameters.ContainsKey('StatusCode')) { $rule['status'] = $StatusCode }
        if ($PSBoundParameters.ContainsKey('RetryAfterSec')) { $rule['retryAfterSeconds'] = $RetryAfterSec }
        if ($PSBoundParameters.ContainsKey('Body')) { $rule['body'] = $Body }
        if ($PSBoundParameters.ContainsKey('ContentType')) { $rule['contentType'] = $ContentType }
        if ($Drop -eq 'Before') { $rule['mode'] = 'drop-before' }
        elseif ($Drop -eq 'After') { $rule['mode'] = 'drop-after' }

        $what = switch ($PSCmdlet.ParameterSetName) {
            'Status' { "answer $StatusCode" }
            'Drop' { "drop the connection $($Drop.ToLowerInvariant()) processing" }
            default { "delay $LatencyMs ms" }
        }
        $scope = @()
        if ($rule.Contains('method')) { $scope += $rule['method'] }
        if ($rule.Contains('api')) { $scope += $rule['api'] }
        $scope += 'requests'
        if ($rule.Contains('pathPrefix')) { $scope += "under $($rule['pathPrefix'])" }
        $times = 'until cleared'
        if ($rule['count'] -gt 0) { $times = "$($rule['count']) time(s)" }
        if ($Every -gt 1) { $times = "1 in every $Every, $times" }
        if ($PSCmdlet.ShouldProcess($instance.Uri, "Inject a fault: $what to $($scope -join ' '), $times")) {
            try {
                $stored = Invoke-EmulatorAdmin -Emulator $instance -Method Post -Path 'faults' -Body $rule
            }
            catch {
                $PSCmdlet.ThrowTerminatingError($_)
            }
            ConvertTo-EmulatorFault $stored
        }
    }
}

function Clear-GovernanceEmulatorFault {
    <#
    .SYNOPSIS
        Removes every fault rule from the emulator; its data and journal stay as they are.
    .DESCRIPTION
        Deletes all rules added by Set-GovernanceEmulatorFault (DELETE /_emulator/faults), so that requests are served
        normally again. Reset-GovernanceEmulator does this too, and also reseeds the data and empties the journal.
    .PARAMETER Emulator
        The emulator to change, as returned by Start-GovernanceEmulator; binds from the pipeline. Default: the current
        one.
    .PARAMETER PassThru
        Returns the emulator object.
    .EXAMPLE
        Clear-GovernanceEmulatorFault

        Requests to the current emulator are no longer faulted.
    .OUTPUTS
        None, or GovernanceModule.Emulator.Instance with -PassThru.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('GovernanceModule.Emulator.Instance')]
    param(
        [Parameter(ValueFromPipeline)]
        [PSTypeName('GovernanceModule.Emulator.Instance')]
        [psobject] $Emulator,

        [switch] $PassThru
    )
    process {
        Invoke-EmulatorChange -Cmdlet $PSCmdlet -Emulator $Emulator -Action 'Remove every fault rule' -Method Delete -Path 'faults' -PassThru:$PassThru
    }
}

function Reset-GovernanceEmulator {
    <#
    .SYNOPSIS
        Puts the emulator back to its starting state: seed data, empty journal, no faults.
    .DESCRIPTION
        Reseeds every API's data (OIG provisioning tasks, NERM workflow sessions, ISC provisioning policies and
        tokens), empties the request journal and removes every fault rule (POST /_emulator/reset). Options given at
        start (-ArgumentList) or changed since are kept. Call it before each test so that tests do not see each other's
        changes.
    .PARAMETER Emulator
        The emulator to reset, as returned by Start-GovernanceEmulator; binds from the pipeline. Default: the current
        one.
    .PARAMETER PassThru
        Returns the emulator object.
    .EXAMPLE
        Reset-GovernanceEmulator

        Resets the current emulator.
    .EXAMPLE
        BeforeEach { Reset-GovernanceEmulator -Emulator $script:Emulator }

        In Pester: every test starts from the seed data with an empty journal.
    .OUTPUTS
        None, or GovernanceModule.Emulator.Instance with -PassThru.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('GovernanceModule.Emulator.Instance')]
    param(
        [Parameter(ValueFromPipeline)]
        [PSTypeName('GovernanceModule.Emulator.Instance')]
        [psobject] $Emulator,

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
    foreach ($instance in @($script:Started)) {
        $null = Stop-EmulatorProcess -Instance $instance -TimeoutSec 10
    }
    $script:Started.Clear()
    $script:Current = $null
}

Export-ModuleMember -Function Start-GovernanceEmulator, Stop-GovernanceEmulator, Get-GovernanceEmulatorRequest, Set-GovernanceEmulatorFault, Clear-GovernanceEmulatorFault, Reset-GovernanceEmulator
