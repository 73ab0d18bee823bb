#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The packages of ./build.ps1 Package, installed as an admin installs from a gallery: from a folder repository with
# Install-PSResource, into a fresh pwsh whose user (HOME) has never seen the module.

BeforeDiscovery {
    # A user's module folder follows HOME on Linux and macOS only.
    $script:CannotRedirectHome = $env:OS -eq 'Windows_NT'
}

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Packages = Join-Path $Root 'out/packages'
}

Describe 'The GovernanceModule packages' {
    BeforeAll {
        function script:Get-PackageEntry([string] $Name) {
            $package = @(Get-ChildItem $Packages -Filter '*.nupkg' | Where-Object Name -Match "^$([regex]::Escape($Name))\.\d")
            $package.Count | Should -Be 1
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [System.IO.Compression.ZipFile]::OpenRead($package[0].FullName)
            try { @($zip.Entries | ForEach-Object FullName) } finally { $zip.Dispose() }
        }
    }

    It 'GovernanceModule holds the module and nothing of the build or the tests' {
        $entries = Get-PackageEntry 'GovernanceModule'

        $entries | Should -Contain 'GovernanceModule.psd1'
        $entries | Should -Contain 'GovernanceModule.dll'
        $entries | Should -Contain 'en-US/about_GovernanceModule.help.txt'
        @($entries | Where-Object { $_ -like '*.pdb' -or $_ -like '*.deps.json' -or $_ -like '*Tests*' -or $_ -like '*xunit*' }) | Should -BeNullOrEmpty
    }

    It 'GovernanceModule.Emulator holds the module and the emulator it starts, and nothing of the tests' {
        $entries = Get-PackageEntry 'GovernanceModule.Emulator'

        $entries | Should -Contain 'GovernanceModule.Emulator.psd1'
        $entries | Should -Contain 'GovernanceModule.Emulator.psm1'
        $entries | Should -Contain 'bin/GovernanceModule.Emulator.dll'
        $entries | Should -Contain 'bin/GovernanceModule.Emulator.runtimeconfig.json'
        @($entries | Where-Object { $_ -like '*.pdb' -or $_ -like '*Tests*' -or $_ -like '*xunit*' -or $_ -like '*GovernanceModule.Core*' }) | Should -BeNullOrEmpty
    }

    It 'carries what the PowerShell Gallery shows' {
        $manifest = Import-PowerShellDataFile (Join-Path $Root 'GovernanceModule.psd1')
        foreach ($key in 'Author', 'Description') { $manifest[$key] | Should -Not -BeNullOrEmpty }
        foreach ($key in 'ProjectUri', 'LicenseUri', 'ReleaseNotes') { $manifest.PrivateData.PSData[$key] | Should -Not -BeNullOrEmpty }
        foreach ($tag in 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') { $manifest.PrivateData.PSData.Tags | Should -Contain $tag }
        Join-Path $Root 'LICENSE' | Should -Exist
    }

    It 'both install from a folder repository into a fresh user, import by name, and the module works against the packaged emulator' -Skip:$CannotRedirectHome {
        $userHome = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory -Path $userHome | Out-Null
        $script = Join-Path $TestDrive 'install.ps1'
        Set-Content -Path $script -Value @'
param($Packages)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name GovernanceLocal -Uri $Packages -Trusted
Install-PSResource -Name GovernanceModule, GovernanceModule.Emulator -Repository GovernanceLocal -Scope CurrentUser -Quiet
Import-Module GovernanceModule, GovernanceModule.Emulator
$emulator = Start-GovernanceEmulator
try {
    Connect-OigServer -Uri $emulator.Uri -Credential $emulator.OigCredential
    $result = Set-ProvTask -TaskId 6 -Note 'installed from the package'
    [pscustomobject]@{
        ModuleBase   = (Get-Module GovernanceModule).ModuleBase
        EmulatorBase = (Get-Module GovernanceModule.Emulator).ModuleBase
        Status       = [string]$result.Status
        Sent         = @(Get-GovernanceEmulatorRequest -Api oig -Method PUT | Where-Object { $_.Body -like '*installed from the package*' }).Count
        About        = (Get-Help about_GovernanceModule | Out-String)
        Examples     = (Get-Help Set-ProvTask -Examples | Out-String -Width 200)
    } | ConvertTo-Json
}
finally {
    Stop-GovernanceEmulator -Emulator $emulator
}
'@
        $pwsh = Join-Path $PSHOME 'pwsh'
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; PSModulePath = $env:PSModulePath }
        try {
            $env:HOME = $userHome
            Remove-Item Env:XDG_DATA_HOME, Env:XDG_CONFIG_HOME, Env:PSModulePath -ErrorAction SilentlyContinue
            $output = & $pwsh -NoProfile -NonInteractive -File $script -Packages $Packages 2>&1 | Out-String
        }
        finally {
            foreach ($name in $saved.Keys) {
                if ($null -eq $saved[$name]) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue } else { Set-Item "Env:$name" $saved[$name] }
            }
        }

        $LASTEXITCODE | Should -Be 0 -Because $output
        $seen = $output | ConvertFrom-Json
        $seen.ModuleBase | Should -BeLike "$userHome*"
        $seen.EmulatorBase | Should -BeLike "$userHome*"
        $seen.Status | Should -BeExactly 'SUCCESS'
        $seen.About | Should -Match 'GovernanceStopReport'
        $seen.Examples | Should -Match 'Import-Csv .*\| Set-ProvTask'
        $seen.Sent | Should -Be 1
    }
}
