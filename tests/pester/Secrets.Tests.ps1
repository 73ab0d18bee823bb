#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# No secret in any output, and TLS and timeouts, as users meet them: every exported cmdlet, with -Verbose and -Debug, through a success and the
# main error paths; every stream (*>&1), -ErrorVariable, $Error and the connection objects (Format-List *, Out-String)
# are scanned for the passwords, the API key, the client secret, every access token the emulator issued and the Basic
# header value: 0 hits. Then -SkipCertificateCheck warns once per connection, and -TimeoutSec gives OperationTimeout.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module $ModulePath -Force
    $script:Emulator = Start-GovernanceEmulator
    $script:Url = $Emulator.Uri
    $script:Authority = ([uri]$Url).Authority

    $script:OigPassword = 'Demo-Passw0rd!'
    $script:AuditorPassword = 'Audit-Passw0rd!'
    $script:WrongPassword = 'Wrong-Passw0rd-5521!'
    $script:NermKey = 'nerm-demo-api-key-0001'
    $script:WrongKey = 'nerm-wrong-api-key-5521'
    $script:ClientId = 'emulator-demo-client'
    $script:ClientSecret = 'Demo-Client-Secret-0001'
    $script:WrongSecret = 'Wrong-Client-Secret-5521'
    $script:SourceId = '2c9180835d191a86015d28455b4a2329'
    $script:SessionId = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
    $script:UnknownSessionId = '5f1b0b0e-0000-4000-8000-00000000beef'
    $script:HtmlPage = '<html><head><title>Sign in</title></head><body><h1>Proxy login</h1><form action="/login"></form></body></html>'

    $script:OigCredential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString $OigPassword -AsPlainText -Force))
    $script:AuditorCredential = [pscredential]::new('auditor', (ConvertTo-SecureString $AuditorPassword -AsPlainText -Force))
    $script:WrongOigCredential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString $WrongPassword -AsPlainText -Force))
    $script:NermToken = ConvertTo-SecureString $NermKey -AsPlainText -Force
    $script:WrongNermToken = ConvertTo-SecureString $WrongKey -AsPlainText -Force
    $script:IscSecret = ConvertTo-SecureString $ClientSecret -AsPlainText -Force
    $script:WrongIscSecret = ConvertTo-SecureString $WrongSecret -AsPlainText -Force
    $script:IscCredential = [pscredential]::new($ClientId, $IscSecret)

    # -Debug makes Windows PowerShell 5.1 ask before every message (Inquire); there $DebugPreference alone is used.
    $script:Common = @{ Verbose = $true; ErrorVariable = '+ScanErrors' }
    if ($PSVersionTable.PSVersion.Major -ge 6) { $Common['Debug'] = $true }

    # Every command the scanned steps call, for the check that each exported cmdlet ran.
    $script:Covered = @{}

    function script:Add-Fault([hashtable] $Rule) {
        $json = $Rule | ConvertTo-Json -Compress
        Invoke-RestMethod -Method Post -Uri "$Url/_emulator/faults" -Body $json -ContentType 'application/json' -Verbose:$false | Out-Null
    }

    function script:Clear-Fault {
        Invoke-RestMethod -Method Delete -Uri "$Url/_emulator/faults" -Verbose:$false | Out-Null
    }

    function script:Set-IscTokenExpired {
        Invoke-RestMethod -Method Post -Uri "$Url/_emulator/isc/tokens/expire" -Verbose:$false | Out-Null
    }

    # Name -> value of everything that must never be shown, in the forms it could take.
    function script:Get-ScanSecret {
        $secrets = [ordered]@{
            'OIG password'            = $OigPassword
            'OIG auditor password'    = $AuditorPassword
            'wrong OIG password'      = $WrongPassword
            'Basic xelsysadm:pass'    = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("xelsysadm:$OigPassword"))
            'Basic auditor:pass'      = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("auditor:$AuditorPassword"))
            'Basic xelsysadm:wrong'   = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("xelsysadm:$WrongPassword"))
            'NERM API key'            = $NermKey
            'wrong NERM API key'      = $WrongKey
            'ISC client secret'       = $ClientSecret
            'wrong ISC client secret' = $WrongSecret
        }
        foreach ($name in @($secrets.Keys)) {
            $escaped = [uri]::EscapeDataString($secrets[$name])
            if ($escaped -ne $secrets[$name]) { $secrets["$name (URL-encoded)"] = $escaped }
        }
        $number = 0
        foreach ($token in @((Invoke-RestMethod -Uri "$Url/_emulator/isc/tokens" -Verbose:$false).accessTokens)) {
            $number++
            $secrets["access token #$number"] = [string]$token
        }
        $secrets
    }

    function script:Find-Secret([string] $Text) {
        foreach ($entry in (Get-ScanSecret).GetEnumerator()) {
            if ($entry.Value -and $Text.Contains([string]$entry.Value)) { $entry.Key }
        }
    }

    # Everything a user could see of one item: its default and Format-List * views and, for errors, the details,
    # the target, and every exception with its ToString() and properties (ResponseBody included).
    function script:ConvertTo-ScanText($Item) {
        if ($null -eq $Item) { return '' }
        $parts = [System.Collections.Generic.List[string]]::new()
        $parts.Add(($Item | Out-String -Width 4096))
        $parts.Add(($Item | Format-List * -Force | Out-String -Width 4096))
        $exception = $null
        if ($Item -is [System.Management.Automation.ErrorRecord]) {
            $parts.Add([string]$Item.ErrorDetails)
            $parts.Add(($Item.ErrorDetails | Format-List * -Force | Out-String -Width 4096))
            $parts.Add(($Item.TargetObject | Format-List * -Force | Out-String -Width 4096))
            $exception = $Item.Exception
        }
        elseif ($Item -is [System.Exception]) {
            $exception = $Item
        }
        while ($null -ne $exception) {
            $parts.Add($exception.ToString())
            $parts.Add(($exception | Format-List * -Force | Out-String -Width 4096))
            $exception = $exception.InnerException
        }
        $parts -join "`n"
    }

    # Runs each step in one child scope with every preference at Continue, each in its own try/catch so that a
    # terminating error ends only its step; returns the records of all streams and the text a user could see.
    function script:Invoke-Scanned {
        param([Parameter(Mandatory)] [scriptblock[]] $Step)
        foreach ($block in $Step) {
            foreach ($command in $block.Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $name = $command.GetCommandName()
                if ($name) { $script:Covered[$name] = $true }
            }
        }

        # $Error is newest first: what this scan adds sits before the entry that was newest when it started.
        $newestBefore = if ($Error.Count -gt 0) { $Error[0] } else { $null }
        $script:ScanErrorVariable = @()
        $records = @(& {
                $VerbosePreference = 'Continue'
                $DebugPreference = 'Continue'
                $WarningPreference = 'Continue'
                $InformationPreference = 'Continue'
                $ErrorActionPreference = 'Continue'
                $ConfirmPreference = 'None'
                # -ErrorVariable +ScanErrors appends to this list (an array would be fixed-size).
                $ScanErrors = [System.Collections.ArrayList]::new()
                foreach ($block in $Step) {
                    try { . $block } catch { $_ }
                }
                $script:ScanErrorVariable = @($ScanErrors | Where-Object { $null -ne $_ })
            } *>&1)
        $seenErrors = @(foreach ($entry in @($Error)) {
                if ($null -ne $newestBefore -and [object]::ReferenceEquals($entry, $newestBefore)) { break }
                $entry
            })

        $text = [System.Text.StringBuilder]::new()
        foreach ($item in @($records) + $seenErrors + @($script:ScanErrorVariable)) {
            [void]$text.AppendLine((ConvertTo-ScanText $item))
        }

        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        [pscustomobject]@{
            Records       = $records
            Errors        = $errors
            Categories    = @($errors | ForEach-Object { [string]$_.CategoryInfo.Category } | Sort-Object -Unique)
            ErrorVariable = @($script:ScanErrorVariable)
            Verbose       = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            Debug         = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
            Warnings      = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            Text          = $text.ToString()
        }
    }

    function script:Assert-Clean($Scan) {
        $hits = @(Find-Secret $Scan.Text)
        $hits | Should -BeNullOrEmpty -Because "no secret may be shown, but these were: $($hits -join ', ')"
        $Scan.Verbose.Count | Should -BeGreaterThan 0 -Because 'the -Verbose stream must have been captured'
        $Scan.Debug.Count | Should -BeGreaterThan 0 -Because 'the -Debug stream must have been captured'
        $Scan.ErrorVariable.Count | Should -BeGreaterThan 0 -Because '-ErrorVariable must have been captured'
        $Scan.Text.Length | Should -BeGreaterThan 1000
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'No secret in any stream, error or connection object' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'OIG: Connect-OigServer, Get-ProvTask, Set-ProvTask, Invoke-ProvTaskRetry through success and errors' {
        $scan = Invoke-Scanned @(
            { Connect-OigServer -Uri $Url -Credential $OigCredential -PassThru @Common }
            { Get-ProvTask -Filter 'Status.Category eq Rejected' -PageSize 2 @Common | Select-Object -First 3 }
            { Get-ProvTask -TaskId '6', '424242' @Common }
            { Set-ProvTask -TaskId '6' -Note 'scan note' @Common }
            { Set-ProvTask -TaskId '424242' -Note 'scan note' @Common }
            { Invoke-ProvTaskRetry -TaskId '30', '1006' @Common }
            { Add-Fault @{ api = 'oig'; method = 'PUT'; status = 500; count = 1 }; Invoke-ProvTaskRetry -TaskId '1008' @Common }
            { Add-Fault @{ api = 'oig'; method = 'PUT'; status = 200; count = 1; body = $HtmlPage; contentType = 'text/html' }; Set-ProvTask -TaskId '6' -Note 'html' @Common }
            { Add-Fault @{ api = 'oig'; method = 'PUT'; mode = 'drop-after'; count = 1 }; Invoke-ProvTaskRetry -TaskId '31' @Common }
            { Add-Fault @{ api = 'oig'; method = 'PUT'; status = 401; count = 1 }; Set-ProvTask -TaskId '6' -Note 'refused' @Common }
            { Connect-OigServer -Uri $Url -Credential $AuditorCredential -PassThru @Common; Set-ProvTask -TaskId '6' -Note 'auditor' @Common }
            { Connect-OigServer -Uri $Url -Credential $WrongOigCredential @Common }
            { $journal = Join-Path $TestDrive 'scan.journal'; Set-ProvTask -TaskId '6' -Note 'journaled' -JournalPath $journal @Common; Get-GovernanceJournal -Path $journal @Common; Get-Content -Raw -LiteralPath $journal }
            { Disconnect-OigServer -PassThru -Confirm:$false @Common }
        )

        Assert-Clean $scan
        foreach ($category in 'ObjectNotFound', 'InvalidOperation', 'ResourceUnavailable', 'InvalidResult', 'ConnectionError', 'PermissionDenied', 'AuthenticationError') {
            $scan.Categories | Should -Contain $category
        }
    }

    It 'NERM: Connect-NermTenant (API key and ISC client credentials), Get- and Update-WorkflowSession through success and errors' {
        $scan = Invoke-Scanned @(
            { Connect-NermTenant -Uri $Url -Token $NermToken -PassThru @Common }
            { Get-WorkflowSession -Id $SessionId, $UnknownSessionId @Common }
            { Get-WorkflowSession -PageSize 2 @Common | Select-Object -First 3 }
            { Update-WorkflowSession -Id $SessionId -Status approved @Common }
            { Update-WorkflowSession -Id $UnknownSessionId -Status approved @Common }
            { Add-Fault @{ api = 'nerm'; method = 'PATCH'; status = 400; count = 1 }; Update-WorkflowSession -Id $SessionId -Status completed @Common }
            { Add-Fault @{ api = 'nerm'; method = 'PATCH'; status = 200; count = 1; body = $HtmlPage; contentType = 'text/html' }; Update-WorkflowSession -Id $SessionId -Status completed @Common }
            { Add-Fault @{ api = 'nerm'; method = 'PATCH'; status = 500; count = 1 }; Update-WorkflowSession -Id $SessionId -Status approved -Run @Common }
            { Connect-NermTenant -Uri $Url -ClientId $ClientId -ClientSecret $IscSecret -IscUri $Url -PassThru @Common; Get-WorkflowSession -Id $SessionId @Common }
            { Set-IscTokenExpired; Update-WorkflowSession -Id $SessionId -Status completed @Common }
            { Add-Fault @{ api = 'isc'; method = 'POST'; pathPrefix = '/oauth/token'; status = 200; count = 1; body = $HtmlPage; contentType = 'text/html' }; Connect-NermTenant -Uri $Url -ClientId $ClientId -ClientSecret $IscSecret -IscUri $Url @Common }
            { Add-Fault @{ api = 'isc'; method = 'POST'; pathPrefix = '/oauth/token'; status = 401; count = 1 }; Connect-NermTenant -Uri $Url -ClientId $ClientId -ClientSecret $IscSecret -IscUri $Url @Common }
            { Add-Fault @{ api = 'nerm'; method = 'GET'; status = 403; count = 1 }; Connect-NermTenant -Uri $Url -Token $NermToken @Common }
            { Add-Fault @{ api = 'nerm'; status = 401; count = 1 }; Connect-NermTenant -Uri $Url -Token $NermToken @Common }
            { Connect-NermTenant -Uri $Url -Token $WrongNermToken @Common }
            { Connect-NermTenant -Uri $Url -ClientId $ClientId -ClientSecret $WrongIscSecret -IscUri $Url @Common }
            { Disconnect-NermTenant -PassThru -Confirm:$false @Common }
        )

        Assert-Clean $scan
        foreach ($category in 'ObjectNotFound', 'InvalidArgument', 'InvalidResult', 'ResourceUnavailable', 'AuthenticationError') {
            $scan.Categories | Should -Contain $category
        }
        $scan.Warnings.Count | Should -BeGreaterThan 0 -Because 'a check refused with 403 makes Connect-NermTenant warn'
    }

    It 'ISC: Connect-IscTenant, Get- and Edit-ProvisioningPolicy through success and errors' {
        $scan = Invoke-Scanned @(
            { Connect-IscTenant -Uri $Url -Credential $IscCredential -PassThru @Common }
            { Get-ProvisioningPolicy -SourceId $SourceId @Common }
            { Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE @Common }
            { Get-ProvisioningPolicy -SourceId $SourceId -UsageType ENABLE @Common }
            { Edit-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE -Description 'scan' @Common }
            { Edit-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE -Operation @(@{ op = 'remove'; path = '/fields/7' }) @Common }
            { Set-IscTokenExpired; Get-ProvisioningPolicy -SourceId $SourceId -UsageType UPDATE @Common }
            { Add-Fault @{ api = 'isc'; method = 'PATCH'; status = 200; count = 1; body = $HtmlPage; contentType = 'text/html' }; Edit-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE -Description 'html' @Common }
            { Add-Fault @{ api = 'isc'; method = 'PATCH'; status = 500; count = 1 }; Edit-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE -Operation @(@{ op = 'add'; path = '/fields/-'; value = @{ name = 'mail'; type = 'string' } }) @Common }
            { Add-Fault @{ api = 'isc'; method = 'PATCH'; status = 403; count = 1 }; Edit-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE -Description 'forbidden' @Common }
            { Add-Fault @{ api = 'isc'; pathPrefix = '/v3'; status = 401; count = 2 }; Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE @Common }
            { Add-Fault @{ api = 'isc'; method = 'POST'; pathPrefix = '/oauth/token'; status = 200; count = 1; body = $HtmlPage; contentType = 'text/html' }; Connect-IscTenant -Uri $Url -Credential $IscCredential @Common }
            { Connect-IscTenant -Uri $Url -ClientId $ClientId -ClientSecret $WrongIscSecret @Common }
            { Disconnect-IscTenant -PassThru -Confirm:$false @Common }
        )

        Assert-Clean $scan
        foreach ($category in 'ObjectNotFound', 'InvalidArgument', 'InvalidResult', 'ResourceUnavailable', 'PermissionDenied', 'AuthenticationError') {
            $scan.Categories | Should -Contain $category
        }
    }

    It 'shows the user or client id and the URL of each connection, never its secret' {
        $scan = Invoke-Scanned @(
            { $oig = Connect-OigServer -Uri $Url -Credential $OigCredential -PassThru @Common }
            { $nerm = Connect-NermTenant -Uri $Url -Token $NermToken -PassThru @Common }
            { $nermIsc = Connect-NermTenant -Uri $Url -ClientId $ClientId -ClientSecret $IscSecret -IscUri $Url -PassThru @Common }
            { $isc = Connect-IscTenant -Uri $Url -Credential $IscCredential -PassThru @Common }
            { Connect-OigServer -Uri $Url -Credential $WrongOigCredential @Common }
            {
                foreach ($connection in $oig, $nerm, $nermIsc, $isc) {
                    $shown = ($connection | Format-List * -Force | Out-String -Width 4096) + ($connection | Out-String -Width 4096) + $connection.ToString()
                    try { $shown += ($connection | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue) } catch { $shown += "$_" }
                    [pscustomobject]@{ Type = $connection.GetType().Name; Shown = $shown }
                }
            }
        )

        Assert-Clean $scan
        $shown = @($scan.Records | Where-Object { $_.PSObject.Properties['Shown'] })
        $shown.Count | Should -Be 4
        $shown | ForEach-Object { $_.Shown | Should -Match ([regex]::Escape($Authority)) }
        $shown[0].Shown | Should -Match 'xelsysadm'
        $shown[2].Shown | Should -Match ([regex]::Escape($ClientId))
        $shown[3].Shown | Should -Match ([regex]::Escape($ClientId))
    }

    It 'ran every exported cmdlet' {
        $exported = @(Get-Command -Module GovernanceModule -CommandType Cmdlet).Name
        $exported.Count | Should -BeGreaterThan 0
        $exported | Where-Object { -not $Covered.ContainsKey($_) } | Should -BeNullOrEmpty
    }
}

Describe 'TLS and timeouts' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'warns once per connection when -SkipCertificateCheck is named, and never otherwise' {
        Connect-OigServer -Uri $Url -Credential $OigCredential -WarningVariable plain -WarningAction SilentlyContinue
        $plain.Count | Should -Be 0

        Connect-OigServer -Uri $Url -Credential $OigCredential -SkipCertificateCheck -WarningVariable oigWarnings -WarningAction SilentlyContinue
        Get-ProvTask -TaskId '6' -WarningVariable later -WarningAction SilentlyContinue | Out-Null
        Set-ProvTask -TaskId '6' -Note 'tls' -WarningVariable +later -WarningAction SilentlyContinue | Out-Null
        Connect-NermTenant -Uri $Url -Token $NermToken -SkipCertificateCheck -WarningVariable nermWarnings -WarningAction SilentlyContinue
        Get-WorkflowSession -Id $SessionId -WarningVariable +later -WarningAction SilentlyContinue | Out-Null
        Connect-IscTenant -Uri $Url -Credential $IscCredential -SkipCertificateCheck -WarningVariable iscWarnings -WarningAction SilentlyContinue
        Get-ProvisioningPolicy -SourceId $SourceId -UsageType CREATE -WarningVariable +later -WarningAction SilentlyContinue | Out-Null

        foreach ($warnings in @(, $oigWarnings) + @(, $nermWarnings) + @(, $iscWarnings)) {
            @($warnings).Count | Should -Be 1
            "$(@($warnings)[0])" | Should -BeLike "*-SkipCertificateCheck*$Authority*"
        }
        $later.Count | Should -Be 0
    }

    It 'reports a connect slower than -TimeoutSec as OperationTimeout, for each API' {
        $attempts = @(
            @{ Api = 'oig'; Connect = { Connect-OigServer -Uri $Url -Credential $OigCredential -TimeoutSec 1 -ErrorAction Stop } }
            @{ Api = 'nerm'; Connect = { Connect-NermTenant -Uri $Url -Token $NermToken -TimeoutSec 1 -ErrorAction Stop } }
            @{ Api = 'isc'; Connect = { Connect-IscTenant -Uri $Url -Credential $IscCredential -TimeoutSec 1 -ErrorAction Stop } }
        )
        foreach ($attempt in $attempts) {
            Clear-Fault
            Add-Fault @{ api = $attempt.Api; latencyMs = 2500; count = 1 }
            $caught = $null
            try { & $attempt.Connect } catch { $caught = $_ }

            $caught | Should -Not -BeNullOrEmpty -Because "$($attempt.Api) should time out"
            [string]$caught.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $caught.Exception.Message | Should -BeLike '*no answer within 1 s*'
        }
    }

    It 'reports a change slower than -TimeoutSec as an OperationTimeout error for that item, and goes on' {
        Connect-OigServer -Uri $Url -Credential $OigCredential -TimeoutSec 1
        Add-Fault @{ api = 'oig'; method = 'PUT'; latencyMs = 2500; count = 1 }

        $results = @(Set-ProvTask -TaskId '6' -Note 'slow' -ErrorVariable slow -ErrorAction SilentlyContinue)
        $after = @(Set-ProvTask -TaskId '6' -Note 'fast again')

        $results.Count | Should -Be 1
        $results[0].Succeeded | Should -BeFalse
        $slow.Count | Should -Be 1
        [string]$slow[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $after[0].Succeeded | Should -BeTrue
    }
}
