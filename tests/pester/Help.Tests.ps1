#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The MAML help: the committed XML is what tools/help/Build-Help.ps1 writes from tools/help/*.json, and Get-Help
# shows it from the built module as users read it. Windows PowerShell 5.1 syntax.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Generator = Join-Path $Root 'tools/help/Build-Help.ps1'
    $script:CommittedHelp = Join-Path $Root 'src/GovernanceModule/en-US/GovernanceModule.dll-Help.xml'
    $script:ModuleFolder = Join-Path $Root 'out/GovernanceModule'
    Import-Module (Join-Path $ModuleFolder 'GovernanceModule.psd1') -Force

    $utf8 = New-Object System.Text.UTF8Encoding($false)
    $script:Sources = @{}
    foreach ($file in Get-ChildItem (Join-Path $Root 'tools/help') -Filter '*.json') {
        foreach ($command in @(ConvertFrom-Json -InputObject ([IO.File]::ReadAllText($file.FullName, $utf8)))) {
            foreach ($item in @($command)) { $Sources[$item.name] = $item }
        }
    }

    # A checkout may turn LF into CRLF (core.autocrlf): compare the text, not the line ends.
    function script:Read-Text([string] $Path) {
        [IO.File]::ReadAllText($Path, (New-Object System.Text.UTF8Encoding($false))).Replace("`r`n", "`n")
    }

    # -Verbose, -Debug and the other common parameters are not in the MAML; -WhatIf and -Confirm are.
    $script:CommonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters)

    function script:Get-SyntaxText([string] $Name) {
        ((Get-Help $Name).syntax | Out-String -Width 4096) -replace ([regex]::Escape([string][char]27) + '\[[0-9;]*m'), ''
    }
}

AfterAll {
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'Build-Help.ps1' {
    It 'wrote the committed help file: run ./build.ps1 Help after editing tools/help/*.json' {
        $generated = Join-Path $TestDrive 'GovernanceModule.dll-Help.xml'

        & $Generator -OutFile $generated

        $expected = Read-Text $generated
        $actual = Read-Text $CommittedHelp
        $actual.Length | Should -Be $expected.Length -Because 'src/GovernanceModule/en-US/GovernanceModule.dll-Help.xml must be what tools/help/Build-Help.ps1 writes'
        $actual -ceq $expected | Should -BeTrue -Because 'src/GovernanceModule/en-US/GovernanceModule.dll-Help.xml must be what tools/help/Build-Help.ps1 writes'
    }

    It 'writes well-formed MAML, LF line ends and no byte order mark' {
        $generated = Join-Path $TestDrive 'help-format.xml'

        & $Generator -OutFile $generated

        $bytes = [IO.File]::ReadAllBytes($generated)
        $bytes[0] | Should -Be ([byte][char]'<')
        [Array]::IndexOf($bytes, [byte]13) | Should -Be -1
        ([xml] (Read-Text $generated)).helpItems.command.Count | Should -Be $Sources.Count
    }
}

Describe 'Get-Help on the built module' {
    It 'shows the Set-ProvTask synopsis of tools/help/oig.json, so the help comes from the MAML file' {
        (Get-Help Set-ProvTask).Synopsis | Should -BeExactly $Sources['Set-ProvTask'].synopsis
    }

    It 'shows Set-ProvTask switches as [-WhatIf] and [-Confirm], without a value' {
        $syntax = Get-SyntaxText 'Set-ProvTask'

        $syntax | Should -Match ([regex]::Escape('[-WhatIf]'))
        $syntax | Should -Match ([regex]::Escape('[-Confirm]'))
        $syntax | Should -Not -Match '<SwitchParameter>'
        $syntax | Should -Match ([regex]::Escape('[-TaskId] <String>'))
    }

    It 'shows every switch of <Name> without a value' -ForEach @(
        @{ Name = 'Connect-OigServer' }
        @{ Name = 'Set-ProvTask' }
        @{ Name = 'Invoke-ProvTaskRetry' }
        @{ Name = 'Connect-NermTenant' }
        @{ Name = 'Update-WorkflowSession' }
        @{ Name = 'Connect-IscTenant' }
        @{ Name = 'Get-ProvisioningPolicy' }
        @{ Name = 'Edit-ProvisioningPolicy' }
    ) {
        $syntax = Get-SyntaxText $Name
        $switches = @((Get-Command $Name).Parameters.Values | Where-Object { $_.SwitchParameter -and $CommonParameters -notcontains $_.Name } | ForEach-Object { $_.Name })

        $switches.Count | Should -BeGreaterThan 0
        $syntax | Should -Not -Match '<SwitchParameter>'
        foreach ($switch in $switches) {
            $syntax | Should -Match ([regex]::Escape("[-$switch]")) -Because "-$switch is a switch of $Name"
        }
    }

    It 'has every switch of every cmdlet typed SwitchParameter in tools/help, the type Build-Help.ps1 writes without a value' {
        $wrong = @(foreach ($command in Get-Command -Module GovernanceModule) {
                foreach ($parameter in $command.Parameters.Values) {
                    if ($parameter.SwitchParameter -and $CommonParameters -notcontains $parameter.Name) {
                        $documented = @($Sources[$command.Name].parameters | Where-Object { $_.name -eq $parameter.Name })
                        if ($documented.Count -ne 1 -or $documented[0].type -cne 'SwitchParameter') { "$($command.Name) -$($parameter.Name)" }
                    }
                }
            })

        $wrong | Should -BeNullOrEmpty
    }

    It 'finds the switches to check: -PassThru, -SkipCertificateCheck, -Run and -AllowUndocumentedUsageType among them' {
        Get-SyntaxText 'Connect-OigServer' | Should -Match ([regex]::Escape('[-SkipCertificateCheck]') + '.*' + [regex]::Escape('[-PassThru]'))
        Get-SyntaxText 'Update-WorkflowSession' | Should -Match ([regex]::Escape('[-Run]'))
        Get-SyntaxText 'Edit-ProvisioningPolicy' | Should -Match ([regex]::Escape('[-AllowUndocumentedUsageType]'))
    }

    It 'shows the Set-ProvTask examples with -Examples' {
        $examples = (Get-Help Set-ProvTask -Examples | Out-String -Width 4096) -replace ([regex]::Escape([string][char]27) + '\[[0-9;]*m'), ''

        $examples | Should -Match 'Example 1: Apply a CSV of mixed changes and keep an audit trail'
        $examples | Should -Match 'Import-Csv .*\| Set-ProvTask'
        $examples | Should -Match ('Example {0}:' -f @($Sources['Set-ProvTask'].examples).Count)
    }
}
