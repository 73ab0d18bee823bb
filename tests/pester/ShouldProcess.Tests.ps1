#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# -WhatIf, -Confirm and -Verbose on the three change cmdlets, given as parameters and as preference variables. When
# none of them is in force the cmdlets do not ask ShouldProcess at all (a bulk run builds no question per row), so
# these tests hold every way one of them can be in force. Each run has a host of its own that records what a
# console shows ("What if:" lines) and answers the confirmation prompts.

BeforeDiscovery {
    # Each change cmdlet with three inputs, connected in the script's own runspace; $Extra is spliced in as the
    # preference variables or parameters of a case.
    $Cmdlets = @(
        @{
            Cmdlet = 'Set-ProvTask'; Api = 'oig'; Method = 'PUT'
            Run    = {
                param($ModulePath, $Emulator, [hashtable] $Parameters)
                Import-Module $ModulePath
                Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential
                '6', '3016', '3018' | ForEach-Object { [pscustomobject]@{ TaskId = $_; Note = 'asked first' } } | Set-ProvTask @Parameters
            }
            Operation = 'Set note to ''asked first'''
        }
        @{
            Cmdlet = 'Update-WorkflowSession'; Api = 'nerm'; Method = 'PATCH'
            Run    = {
                param($ModulePath, $Emulator, [hashtable] $Parameters)
                Import-Module $ModulePath
                Connect-NermTenant -Uri $Emulator.Uri -Token $Emulator.NermToken
                1..3 | ForEach-Object { [pscustomobject]@{ Id = '00000000-0000-4000-8000-{0:D12}' -f $_; Status = 'approved' } } | Update-WorkflowSession @Parameters
            }
            Operation = 'status*approved*'
        }
        @{
            Cmdlet = 'Edit-ProvisioningPolicy'; Api = 'isc'; Method = 'PATCH'
            Run    = {
                param($ModulePath, $Emulator, [hashtable] $Parameters)
                Import-Module $ModulePath
                Connect-IscTenant -Uri $Emulator.Uri -Credential $Emulator.IscCredential
                Get-ProvisioningPolicy -SourceId '2c9180835d191a86015d28455b4a2329' | Select-Object -First 3 |
                    ForEach-Object { $_.Description = 'asked first'; $_ } | Edit-ProvisioningPolicy @Parameters
            }
            Operation = 'Apply JSON Patch*'
        }
    )
}

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    $script:Emulator = Start-GovernanceEmulator

    if (-not ('GovernanceModuleTests.RecordingHost' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'RecordingHost.cs')
    }

    # Runs $Script with $Arguments in a runspace of its own whose host
    # answers every prompt with $Answer; returns the results, the verbose messages and what the host was shown.
    function script:Invoke-WithHost {
        param([scriptblock] $Script, [object[]] $Arguments, [string] $Answer = 'No')
        $answeringHost = [GovernanceModuleTests.RecordingHost]::new($Answer)
        $runspace = [runspacefactory]::CreateRunspace($answeringHost)
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddScript($Script)
            foreach ($argument in $Arguments) { $null = $ps.AddArgument($argument) }
            $output = $ps.Invoke()
            [pscustomobject]@{
                Results = @($output)
                Errors  = @($ps.Streams.Error)
                Verbose = @($ps.Streams.Verbose | ForEach-Object { $_.Message })
                WhatIf  = @($answeringHost.Recorder.Lines | Where-Object { $_ -like 'What if:*' })
                Prompts = $answeringHost.Recorder.Prompts
            }
        }
        finally {
            $ps.Dispose()
            $runspace.Dispose()
        }
    }

    # Runs the cmdlet's three inputs with the case's setup (preference variables) and parameters.
    function script:Invoke-Case {
        param([hashtable] $Case, [string] $Setup = '', [hashtable] $Parameters = @{}, [string] $Answer = 'No')
        $script = [scriptblock]::Create($Setup + "`n" + '& {' + $Case.Run.ToString() + '} @args')
        $run = Invoke-WithHost -Script $script -Arguments $ModulePath, $Emulator, $Parameters -Answer $Answer
        $run | Add-Member -NotePropertyName Sent -NotePropertyValue @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api $Case.Api -Method $Case.Method).Count -PassThru
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
}

Describe 'ShouldProcess on <Cmdlet>' -ForEach $Cmdlets {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        $case = $_
    }

    It 'asks nothing and shows nothing when neither -WhatIf, -Confirm nor -Verbose is in force' {
        $run = Invoke-Case $case -Parameters @{}

        $run.Errors | Should -BeNullOrEmpty
        $run.Results.Count | Should -Be 3
        $run.Sent | Should -Be $(if ($case.Api -eq 'oig') { 1 } else { 3 })
        $run.Prompts.Count | Should -Be 0
        $run.WhatIf.Count | Should -Be 0
    }

    It 'sends nothing and says what it would do under $WhatIfPreference, as under -WhatIf' {
        $byPreference = Invoke-Case $case -Setup '$WhatIfPreference = $true'
        $byPreference.Results.Count | Should -Be 0
        $byPreference.Sent | Should -Be 0
        $byPreference.WhatIf.Count | Should -Be 3
        $byPreference.WhatIf | ForEach-Object { $_ | Should -BeLike "*$($case.Operation)*" }

        $byParameter = Invoke-Case $case -Parameters @{ WhatIf = $true }
        $byParameter.Sent | Should -Be 0
        $byParameter.WhatIf.Count | Should -Be 3
    }

    It 'asks for each input when $ConfirmPreference is at its ConfirmImpact (Medium), and sends none answered No' {
        $run = Invoke-Case $case -Setup '$ConfirmPreference = ''Medium''' -Answer 'No'

        $run.Prompts.Count | Should -Be 3
        $run.Results.Count | Should -Be 0
        $run.Sent | Should -Be 0
    }

    It 'asks once under -Confirm answered Yes to All, and sends every input' {
        $run = Invoke-Case $case -Parameters @{ Confirm = $true } -Answer 'Yes to All'

        $run.Prompts.Count | Should -Be 1
        $run.Results.Count | Should -Be 3
    }

    It 'does not ask under -Confirm:$false, even with $ConfirmPreference = Low' {
        $run = Invoke-Case $case -Setup '$ConfirmPreference = ''Low''' -Parameters @{ Confirm = $false }

        $run.Prompts.Count | Should -Be 0
        $run.Results.Count | Should -Be 3
    }

    It 'tells each operation under -Verbose, and under $VerbosePreference = Continue as PowerShell''s own ShouldProcess does' {
        $byParameter = Invoke-Case $case -Parameters @{ Verbose = $true }
        $performing = @($byParameter.Verbose | Where-Object { $_ -like 'Performing the operation*' })
        $performing.Count | Should -Be 3
        $performing | ForEach-Object { $_ | Should -BeLike "*$($case.Operation)*" }
        $byParameter.Results.Count | Should -Be 3

        # Whether ShouldProcess tells the operation under the preference alone depends on the PowerShell version
        # (7.6 does not); each input does what one call of an advanced function's ShouldProcess does.
        $setup = '$VerbosePreference = ''Continue'''
        $reference = Invoke-WithHost -Script ([scriptblock]::Create($setup + '; function Test-Reference { [CmdletBinding(SupportsShouldProcess)] param() $null = $PSCmdlet.ShouldProcess(''target'', ''action'') }; Test-Reference'))
        $perInput = @($reference.Verbose | Where-Object { $_ -like 'Performing the operation*' }).Count
        $byPreference = Invoke-Case $case -Setup $setup
        @($byPreference.Verbose | Where-Object { $_ -like 'Performing the operation*' }).Count | Should -Be (3 * $perInput)
        $byPreference.Results.Count | Should -Be 3
    }
}
