#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The bad-input table: what an admin's CSV or command line really contains, one row per case across the three APIs.
# Each case is written to a file (CRLF, as Excel saves it; a BOM where the case says so), read with Import-Csv and
# piped into the real cmdlet against the emulator. Each row asserts three things:
#   - the outcome: the error ids in order (or the number of results);
#   - that each error's message names the row (or the parameter) and what would be valid;
#   - from the emulator's journal, which ids reached the server: none for a refused row, all of the others.
# Valid text (accents, CJK, emoji, a 100 KB note) must arrive byte for byte: the case's text is among the string
# values of the JSON the server received, compared case-sensitively.
# A CSV whose structure is wrong (a semicolon delimiter, a missing id column, a space in a header) stops OIG and NERM
# at the first row with one InvalidColumns error, before anything is sent.

BeforeDiscovery {
    # Placeholders keep this file ASCII (Windows PowerShell reads a BOM-less script as ANSI): {u:XXXX} is the
    # character with that code point, {100KB} 100 KB of text with a non-ASCII character in every line.
    $uuid = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
    $uuid2 = '00000000-0000-4000-8000-000000000001'
    $src = '2c9180835d191a86015d28455b4a2329'
    $valid = 'Valid actions: Reassign, SetNote, SetResponse, Retry, Update'

    $script:Cases = @(
        # OIG: Set-ProvTask
        @{ Name = 'OIG Excel CSV with BOM and CRLF'; Command = 'Set-ProvTask'; Bom = $true
            Csv = 'TaskId,Action,Note', '6,SetNote,from Excel', '3016,SetNote,also'; Results = 2; Sent = '6', '3016'; Arrives = 'from Excel' }
        @{ Name = 'OIG semicolon-delimited file'; Command = 'Set-ProvTask'
            Csv = 'TaskId;Action;Note', '6;SetNote;x'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidColumns', "*No column gives TaskId (columns TaskId, Id, ProvTaskId)*", "*delimited by it*Import-Csv -Delimiter `";`"*") }
        @{ Name = 'OIG header only'; Command = 'Set-ProvTask'; Csv = , 'TaskId,Action,Note'; Results = 0; Sent = @() }
        @{ Name = 'OIG missing id column'; Command = 'Set-ProvTask'
            Csv = 'Action,Note', 'SetNote,x', 'SetNote,y'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidColumns', "*No column gives TaskId (columns TaskId, Id, ProvTaskId)*", '*header line and its delimiter*') }
        @{ Name = 'OIG space in header (Task Id)'; Command = 'Set-ProvTask'
            Csv = 'Task Id,Action,Note', '6,SetNote,x'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidColumns', "*Column 'Task Id'*did you mean 'TaskId'?*") }
        @{ Name = 'OIG duplicate ids'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '6,SetNote,first', '6,SetNote,second'; Results = 2; Sent = , '6'; Arrives = 'second' }
        @{ Name = 'OIG empty id cell'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', ',SetNote,x', '3016,SetNote,y'; Results = 1; Sent = , '3016'
            Errors = , @('ProvTaskInvalidInput', 'Row 1:*', '*TaskId is empty*such as 3009*') }
        @{ Name = 'OIG row of empty cells'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', ',,', '6,SetNote,y'; Results = 1; Sent = , '6'
            Errors = , @('ProvTaskInvalidInput', 'Row 1:*', '*every cell is empty*TaskId*') }
        @{ Name = 'OIG two ids in one cell (3009;3016)'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '3009;3016,SetNote,x', '6,SetNote,y'; Results = 1; Sent = , '6'
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task 3009;3016)*', '*looks like several ids*one row per task*') }
        @{ Name = 'OIG two ids in one quoted cell (3009,3016)'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '"3009,3016",SetNote,x'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task 3009,3016)*', '*looks like several ids*one row per task*') }
        @{ Name = 'OIG two ids separated by a space'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '3009 3016,SetNote,x'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task 3009 3016)*', '*looks like several ids*one row per task*') }
        @{ Name = 'OIG id with path characters (../6)'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '../6,SetNote,x'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task ../6)*', '*digits*such as 3009*') }
        @{ Name = 'OIG percent-encoded id (%36)'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '%36,SetNote,x'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task %36)*', '*digits*such as 3009*') }
        @{ Name = 'OIG id that is a name'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', 'Approve Laptop,SetNote,x'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task Approve Laptop)*', '*digits*such as 3009*') }
        @{ Name = 'OIG unknown action'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '3009,Approve,x', '6,SetNote,y'; Results = 1; Sent = , '6'
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task 3009)*', "*unknown action 'Approve'*$valid*") }
        @{ Name = 'OIG wrong-case action (setnote)'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '6,setnote,lower case'; Results = 1; Sent = , '6'; Arrives = 'lower case' }
        @{ Name = 'OIG Reassign without Assignee'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Assignee', '3009,Reassign,', '6,Reassign,23'; Results = 1; Sent = , '6'
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task 3009)*', '*Reassign needs Assignee*user key*such as 23*') }
        @{ Name = 'OIG note with accents'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '6,SetNote,"Zo{u:00EB} M{u:00FC}ller-{u:00C5}str{u:00F6}m, na{u:00EF}ve caf{u:00E9}"'; Results = 1; Sent = , '6'
            Arrives = 'Zo{u:00EB} M{u:00FC}ller-{u:00C5}str{u:00F6}m, na{u:00EF}ve caf{u:00E9}' }
        @{ Name = 'OIG note in CJK'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '6,SetNote,{u:6771}{u:4EAC}{u:306E}{u:30C6}{u:30B9}{u:30C8} {u:D55C}{u:AD6D}{u:C5B4}'; Results = 1; Sent = , '6'
            Arrives = '{u:6771}{u:4EAC}{u:306E}{u:30C6}{u:30B9}{u:30C8} {u:D55C}{u:AD6D}{u:C5B4}' }
        @{ Name = 'OIG note with emoji'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '6,SetNote,done {u:1F44D}{u:1F3FD} {u:1F680}'; Results = 1; Sent = , '6'; Arrives = 'done {u:1F44D}{u:1F3FD} {u:1F680}' }
        @{ Name = 'OIG 100 KB note'; Command = 'Set-ProvTask'
            Csv = 'TaskId,Action,Note', '6,SetNote,"{100KB}"'; Results = 1; Sent = , '6'; Arrives = '{100KB}' }
        @{ Name = 'OIG -BatchSize 0'; Command = 'Set-ProvTask'; Parameters = @{ BatchSize = 0 }
            Csv = 'TaskId,Action,Note', '6,SetNote,x'; Sent = @(); Errors = , @('ParameterArgumentValidationError', "*parameter 'BatchSize'*", '*minimum allowed range of 1*') }
        @{ Name = 'OIG -BatchSize 1001'; Command = 'Set-ProvTask'; Parameters = @{ BatchSize = 1001 }
            Csv = 'TaskId,Action,Note', '6,SetNote,x'; Sent = @(); Errors = , @('ParameterArgumentValidationError', "*parameter 'BatchSize'*", '*maximum allowed range of 1000*') }
        @{ Name = 'OIG -ThrottleLimit 0'; Command = 'Set-ProvTask'; Parameters = @{ ThrottleLimit = 0 }
            Csv = 'TaskId,Action,Note', '6,SetNote,x'; Sent = @(); Errors = , @('ParameterArgumentValidationError', "*parameter 'ThrottleLimit'*", '*minimum allowed range of 1*') }
        @{ Name = 'OIG -ThrottleLimit 17'; Command = 'Set-ProvTask'; Parameters = @{ ThrottleLimit = 17 }
            Csv = 'TaskId,Action,Note', '6,SetNote,x'; Sent = @(); Errors = , @('ParameterArgumentValidationError', "*parameter 'ThrottleLimit'*", '*maximum allowed range of 16*') }
        @{ Name = 'OIG retry of two ids in one cell'; Command = 'Invoke-ProvTaskRetry'
            Csv = 'TaskId', '3009 3016'; Results = 0; Sent = @()
            Errors = , @('ProvTaskInvalidInput', 'Row 1 (task 3009 3016)*', '*looks like several ids*one row per task*') }

        # NERM: Update-WorkflowSession
        @{ Name = 'NERM Excel CSV with BOM and CRLF'; Command = 'Update-WorkflowSession'; Bom = $true
            Csv = 'Id,Status', "$uuid,approved", "$uuid2,completed"; Results = 2; Sent = $uuid, $uuid2 }
        @{ Name = 'NERM semicolon-delimited file'; Command = 'Update-WorkflowSession'
            Csv = 'Id;Status', "$uuid;approved"; Results = 0; Sent = @()
            Errors = , @('WorkflowSessionInvalidColumns', '*No column gives Id (columns Id, WorkflowSessionId, SessionId)*', "*delimited by it*Import-Csv -Delimiter `";`"*") }
        @{ Name = 'NERM header only'; Command = 'Update-WorkflowSession'; Csv = , 'Id,Status'; Results = 0; Sent = @() }
        @{ Name = 'NERM missing id column'; Command = 'Update-WorkflowSession'
            Csv = 'Status', 'approved'; Results = 0; Sent = @()
            Errors = , @('WorkflowSessionInvalidColumns', '*No column gives Id (columns Id, WorkflowSessionId, SessionId)*', '*header line and its delimiter*') }
        @{ Name = 'NERM space in header (Session Id)'; Command = 'Update-WorkflowSession'
            Csv = 'Session Id,Status', "$uuid,approved"; Results = 0; Sent = @()
            Errors = , @('WorkflowSessionInvalidColumns', "*Column 'Session Id'*did you mean 'SessionId'?*") }
        @{ Name = 'NERM duplicate ids'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Attribute.city_uid', "$uuid,first", "$uuid,second"; Results = 2; Sent = , $uuid }
        @{ Name = 'NERM wrong-case status (Approved)'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Status', "$uuid,Approved", "$uuid2,approved"; Results = 1; Sent = , $uuid2
            Errors = , @('WorkflowSessionInvalidInput', "Row 1 (session $uuid)*", "*Status 'Approved'*Did you mean 'approved'?*") }
        @{ Name = 'NERM unknown status'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Status', "$uuid,Done"; Results = 0; Sent = @()
            Errors = , @('WorkflowSessionInvalidInput', "Row 1 (session $uuid)*", "*Status 'Done'*Valid values:*approved*") }
        @{ Name = 'NERM wrong-case requester type (user)'; Command = 'Update-WorkflowSession'
            Csv = 'Id,RequesterType', "$uuid,user"; Results = 0; Sent = @()
            Errors = , @('WorkflowSessionInvalidInput', "Row 1 (session $uuid)*", "*Did you mean 'User'?*Valid values: User, NeprofileUser*") }
        @{ Name = 'NERM id that is not a UUID'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Status', '12345,approved', "$uuid,approved"; Results = 1; Sent = , $uuid
            Errors = , @('WorkflowSessionInvalidInput', 'Row 1 (session 12345)*', "*not a UUID*$uuid*") }
        @{ Name = 'NERM two ids in one cell'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Status', "$uuid;$uuid2,approved"; Results = 0; Sent = @()
            Errors = , @('WorkflowSessionInvalidInput', "Row 1 (session $uuid;$uuid2)*", '*looks like several ids*one row per session*') }
        @{ Name = 'NERM id with path characters'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Status', "../$uuid,approved"; Results = 0; Sent = @()
            Errors = , @('WorkflowSessionInvalidInput', "Row 1 (session ../$uuid)*", "*not a UUID*$uuid*") }
        @{ Name = 'NERM percent-encoded id'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Status', '3fa85f64%2D5717-4562-b3fc-2c963f66afa6,approved'; Results = 0; Sent = @()
            Errors = , @('WorkflowSessionInvalidInput', 'Row 1 (session 3fa85f64%2D5717*', "*not a UUID*$uuid*") }
        @{ Name = 'NERM attribute with accents and CJK'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Attribute.display_name_uid', "$uuid,Jos{u:00E9} {u:00D1}{u:00FA}{u:00F1}ez {u:2014} {u:6771}{u:4EAC}"; Results = 1; Sent = , $uuid
            Arrives = 'Jos{u:00E9} {u:00D1}{u:00FA}{u:00F1}ez {u:2014} {u:6771}{u:4EAC}' }
        @{ Name = 'NERM attribute with emoji'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Attribute.city_uid', "$uuid,{u:1F3D9}{u:FE0F} Z{u:00FC}rich"; Results = 1; Sent = , $uuid; Arrives = '{u:1F3D9}{u:FE0F} Z{u:00FC}rich' }
        @{ Name = 'NERM 100 KB attribute'; Command = 'Update-WorkflowSession'
            Csv = 'Id,Attribute.city_uid', "$uuid,`"{100KB}`""; Results = 1; Sent = , $uuid; Arrives = '{100KB}' }
        @{ Name = 'NERM -ThrottleLimit 0'; Command = 'Update-WorkflowSession'; Parameters = @{ ThrottleLimit = 0 }
            Csv = 'Id,Status', "$uuid,approved"; Sent = @(); Errors = , @('ParameterArgumentValidationError', "*parameter 'ThrottleLimit'*", '*minimum allowed range of 1*') }
        @{ Name = 'NERM -ThrottleLimit 65'; Command = 'Update-WorkflowSession'; Parameters = @{ ThrottleLimit = 65 }
            Csv = 'Id,Status', "$uuid,approved"; Sent = @(); Errors = , @('ParameterArgumentValidationError', "*parameter 'ThrottleLimit'*", '*maximum allowed range of 64*') }

        # ISC: Edit-ProvisioningPolicy
        @{ Name = 'ISC Excel CSV with BOM and CRLF'; Command = 'Edit-ProvisioningPolicy'; Bom = $true; Parameters = @{ Description = 'from Excel' }
            Csv = 'SourceId,UsageType', "$src,CREATE", "$src,UPDATE"; Results = 2; Sent = "$src/CREATE", "$src/UPDATE"; Arrives = 'from Excel' }
        @{ Name = 'ISC semicolon-delimited file'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'x' }
            Csv = 'SourceId;UsageType', "$src;CREATE"; Results = 0; Sent = @(); Errors = , @('ProvisioningPolicyInvalidInput', 'Row 1:*', '*SourceId is empty*such as 2c9180835d191a86015d28455b4a2329*') }
        @{ Name = 'ISC header only'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'x' }; Csv = , 'SourceId,UsageType'; Results = 0; Sent = @() }
        @{ Name = 'ISC missing source id column'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'x' }
            Csv = 'UsageType', 'CREATE'; Results = 0; Sent = @(); Errors = , @('ProvisioningPolicyInvalidInput', 'Row 1:*', '*SourceId is empty*such as 2c9180835d191a86015d28455b4a2329*') }
        @{ Name = 'ISC CSV with no change column and no change parameter'; Command = 'Edit-ProvisioningPolicy'
            Csv = 'SourceId,UsageType', "$src,CREATE"; Results = 0; Sent = @(); Errors = , @('ProvisioningPolicyInvalidInput', 'Row 1:*', '*Nothing to change*CSV columns Name, Description*') }
        @{ Name = 'ISC Name and Description columns for several policies'; Command = 'Edit-ProvisioningPolicy'
            Csv = 'SourceId,UsageType,Name,Description', "$src,CREATE,Create {u:00E9}dition,", "$src,UPDATE,,Update {u:6771}{u:4EAC}", "$src,DISABLE,Off,Disabled on leave"
            Results = 3; Sent = "$src/CREATE", "$src/UPDATE", "$src/DISABLE"; Arrives = 'Update {u:6771}{u:4EAC}' }
        @{ Name = 'ISC empty Name on the command line'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Name = '' }
            Csv = 'SourceId,UsageType', "$src,CREATE"; Results = 0; Sent = @(); Errors = , @('ProvisioningPolicyInvalidInput', 'Row 1:*', '*Name is empty*leave -Name out*') }
        @{ Name = 'ISC wrong-case usage type (create)'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'lower case' }
            Csv = 'SourceId,UsageType', "$src,create"; Results = 1; Sent = , "$src/CREATE"; Arrives = 'lower case' }
        @{ Name = 'ISC unknown usage type'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'x' }
            Csv = 'SourceId,UsageType', "$src,CRATE", "$src,UPDATE"; Results = 1; Sent = , "$src/UPDATE"
            Errors = , @('ProvisioningPolicyInvalidInput', 'Row 1:*', "*UsageType 'CRATE'*CREATE, UPDATE, DELETE*-AllowUndocumentedUsageType*") }
        @{ Name = 'ISC two source ids in one cell'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'x' }
            Csv = 'SourceId,UsageType', "$src;$src,CREATE"; Results = 0; Sent = @()
            Errors = , @('ProvisioningPolicyInvalidInput', 'Row 1*', '*looks like several ids*one row per*') }
        @{ Name = 'ISC source id too short'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'x' }
            Csv = 'SourceId,UsageType', '2c9180835d191a86,CREATE'; Results = 0; Sent = @()
            Errors = , @('ProvisioningPolicyInvalidInput', 'Row 1*', '*32 hexadecimal characters*') }
        @{ Name = 'ISC source id with path characters'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'x' }
            Csv = 'SourceId,UsageType', "../$src,CREATE"; Results = 0; Sent = @()
            Errors = , @('ProvisioningPolicyInvalidInput', 'Row 1*', '*32 hexadecimal characters*') }
        @{ Name = 'ISC bad JSON pointer'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Operation = @(@{ op = 'replace'; path = 'description'; value = 'x' }) }
            Csv = 'SourceId,UsageType', "$src,CREATE"; Results = 0; Sent = @()
            Errors = , @('ProvisioningPolicyInvalidInput', '*Operation*', "*path must be a JSON Pointer such as /description*got 'description'*") }
        @{ Name = 'ISC JSON pointer with a bad escape (~2)'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Operation = @(@{ op = 'replace'; path = '/fields/~2'; value = 'x' }) }
            Csv = 'SourceId,UsageType', "$src,CREATE"; Results = 0; Sent = @()
            Errors = , @('ProvisioningPolicyInvalidInput', '*Operation*', "*JSON Pointer such as /description*got '/fields/~2'*") }
        @{ Name = 'ISC move from a missing path'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Operation = @(@{ op = 'move'; from = '/nothere'; path = '/description' }) }
            Csv = 'SourceId,UsageType', "$src,CREATE"; Results = 1; Sent = , "$src/CREATE"
            Errors = , @('ProvisioningPolicyBadRequest', "*CREATE policy of source $src*", '*nothing to remove at /nothere*') }
        @{ Name = 'ISC wrong-case operation (Replace)'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Operation = @(@{ op = 'Replace'; path = '/description'; value = 'op in any case' }) }
            Csv = 'SourceId,UsageType', "$src,CREATE"; Results = 1; Sent = , "$src/CREATE"; Arrives = 'op in any case' }
        @{ Name = 'ISC description with accents, CJK and emoji'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = 'Pr{u:00FC}fung {u:5BE9}{u:67FB} {u:2705}' }
            Csv = 'SourceId,UsageType', "$src,CREATE"; Results = 1; Sent = , "$src/CREATE"; Arrives = 'Pr{u:00FC}fung {u:5BE9}{u:67FB} {u:2705}' }
        @{ Name = 'ISC 100 KB description'; Command = 'Edit-ProvisioningPolicy'; Parameters = @{ Description = '{100KB}' }
            Csv = 'SourceId,UsageType', "$src,CREATE"; Results = 1; Sent = , "$src/CREATE"; Arrives = '{100KB}' }

        # Connections
        @{ Name = 'OIG http URI of another host'; Command = 'Connect-OigServer'; Parameters = @{ Uri = 'http://oig.example.com:14000'; Credential = 'Oig' }; Sent = @()
            Errors = , @('OigUnencryptedAuthentication', '*URI http://oig.example.com:14000*', '*Use https*-AllowUnencryptedAuthentication*') }
        @{ Name = 'NERM http URI of another host'; Command = 'Connect-NermTenant'; Parameters = @{ Uri = 'http://acme.example.com'; Token = 'Nerm' }; Sent = @()
            Errors = , @('NermUnencryptedAuthentication', '*URI http://acme.example.com*', '*Use https*-AllowUnencryptedAuthentication*') }
        @{ Name = 'ISC http URI of another host'; Command = 'Connect-IscTenant'; Parameters = @{ Uri = 'http://acme.api.example.com'; Credential = 'Isc' }; Sent = @()
            Errors = , @('IscUnencryptedAuthentication', '*URI http://acme.api.example.com*', '*Use https*-AllowUnencryptedAuthentication*') }
        @{ Name = 'OIG -TimeoutSec 0'; Command = 'Connect-OigServer'; Parameters = @{ Uri = 'emulator'; Credential = 'Oig'; TimeoutSec = 0 }; Sent = @()
            Errors = , @('ParameterArgumentValidationError', "*parameter 'TimeoutSec'*", '*minimum allowed range of 1*') }
        @{ Name = 'ISC -TimeoutSec 3601'; Command = 'Connect-IscTenant'; Parameters = @{ Uri = 'emulator'; Credential = 'Isc'; TimeoutSec = 3601 }; Sent = @()
            Errors = , @('ParameterArgumentValidationError', "*parameter 'TimeoutSec'*", '*maximum allowed range of 3600*') }
    )
}

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module (Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1') -Force
    $script:Emulator = Start-GovernanceEmulator
    $script:Secrets = @{
        Oig  = [pscredential]::new('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force))
        Nerm = ConvertTo-SecureString 'nerm-demo-api-key-0001' -AsPlainText -Force
        Isc  = [pscredential]::new('emulator-demo-client', (ConvertTo-SecureString 'Demo-Client-Secret-0001' -AsPlainText -Force))
    }
    $line = "$([char]0x00E9)$([char]0x6771) lorem ipsum dolor sit amet " * 2
    $script:HundredKb = ($line * [Math]::Ceiling(102400 / $line.Length)).Substring(0, 102400)

    function script:Expand-Text([string] $Text) {
        $Text = $Text.Replace('{100KB}', $HundredKb)
        [regex]::Replace($Text, '\{u:([0-9A-F]+)\}', { param($m) [char]::ConvertFromUtf32([Convert]::ToInt32($m.Groups[1].Value, 16)) })
    }

    # The case's CSV as Excel saves it: CRLF, UTF-8, with a BOM when the case says so.
    function script:Write-CaseFile([string[]] $Lines, [bool] $Bom) {
        $path = Join-Path $TestDrive 'case.csv'
        $text = (@($Lines | ForEach-Object { Expand-Text $_ }) -join "`r`n") + "`r`n"
        [System.IO.File]::WriteAllText($path, $text, [System.Text.UTF8Encoding]::new($Bom))
        $path
    }

    # Connect-* parameters name a secret ('Oig') and 'emulator' for the emulator's URI.
    function script:Resolve-Parameters([hashtable] $Parameters) {
        $resolved = @{}
        foreach ($name in @($Parameters.Keys)) {
            $value = $Parameters[$name]
            if ($name -in 'Credential', 'Token') { $value = $Secrets[$value] }
            elseif ($value -eq 'emulator') { $value = $Emulator.Uri }
            elseif ($value -is [string]) { $value = Expand-Text $value }
            $resolved[$name] = $value
        }
        $resolved
    }

    # The ids each vendor request of this case named: OIG task ids (bulk body or path), NERM session ids,
    # ISC <source id>/<usage type>.
    function script:Get-SentId([long] $After) {
        foreach ($request in @(Get-GovernanceEmulatorRequest -Emulator $Emulator | Where-Object { $_.Sequence -gt $After })) {
            if ($request.Path -like '*/provtasks' -and $request.Method -eq 'PUT') { ($request.Body | ConvertFrom-Json).tasks.id }
            elseif ($request.Path -match '/provtasks/(?<id>[^/?]+)$') { [uri]::UnescapeDataString($Matches.id) }
            elseif ($request.Path -match '/workflow_sessions/(?<id>[^/?]+)$') { [uri]::UnescapeDataString($Matches.id) }
            elseif ($request.Path -match '/v3/sources/(?<id>[^/]+)/provisioning-policies/(?<usage>[^/?]+)$') { [uri]::UnescapeDataString($Matches.id) + '/' + $Matches.usage }
        }
    }

    # Every string value in the JSON bodies the server received for this case.
    function script:Get-SentText([long] $After) {
        $bodies = @(Get-GovernanceEmulatorRequest -Emulator $Emulator | Where-Object { $_.Sequence -gt $After -and $_.Method -in 'PUT', 'PATCH' })
        foreach ($request in $bodies) {
            $request.BodyTruncated | Should -BeFalse
            $pending = [System.Collections.Generic.Stack[object]]::new()
            $pending.Push((ConvertFrom-Json $request.Body))
            while ($pending.Count -gt 0) {
                $node = $pending.Pop()
                if ($node -is [string]) { $node }
                elseif ($node -is [System.Collections.IEnumerable]) { foreach ($item in $node) { $pending.Push($item) } }
                elseif ($node -is [pscustomobject]) { foreach ($property in $node.PSObject.Properties) { $pending.Push($property.Value) } }
            }
        }
    }

    # Runs one case and asserts its outcome, its messages and what reached the server.
    function script:Assert-Case([hashtable] $Case) {
        $splat = @{}
        if ($Case.Parameters) { $splat = Resolve-Parameters $Case.Parameters }
        $ErrorActionPreference = 'Continue'
        $output = @()
        try {
            if ($Case.Csv) {
                $rows = @(Import-Csv -LiteralPath (Write-CaseFile $Case.Csv ([bool]$Case.Bom)) -Encoding UTF8)
                $output = @($rows | & $Case.Command @splat 2>&1)
            }
            else {
                $output = @(& $Case.Command @splat 2>&1)
            }
        }
        catch {
            $output += $_
        }
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $results = @($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })

        # The outcome: the error ids in order, and the results.
        $expected = @($Case.Errors | Where-Object { $_ })
        @($errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be @($expected | ForEach-Object { $_[0] })
        if ($null -ne $Case.Results) { $results.Count | Should -Be $Case.Results }

        # The message names the row, the column or the parameter, and what is valid.
        for ($i = 0; $i -lt $expected.Count; $i++) {
            foreach ($pattern in @($expected[$i] | Select-Object -Skip 1)) {
                $errors[$i].Exception.Message | Should -BeLike (Expand-Text $pattern)
            }
        }

        # What reached the server: the ids of the valid rows, none of a refused one.
        @(Get-SentId $Mark | Select-Object -Unique | Sort-Object) | Should -Be @($Case.Sent | Sort-Object)

        # Valid text arrives byte for byte.
        if ($Case.Arrives) {
            $text = Expand-Text $Case.Arrives
            @(Get-SentText $Mark | Where-Object { $_ -ceq $text }).Count | Should -BeGreaterThan 0 -Because 'the server must receive the text as it was in the CSV'
        }
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
}

Describe 'Bad input table' {
    BeforeEach {
        Reset-GovernanceEmulator -Emulator $Emulator
        # Every case starts connected (a failed Connect-* case leaves none), after the last request of connecting.
        Connect-OigServer -Uri $Emulator.Uri -Credential $Secrets.Oig
        Connect-NermTenant -Uri $Emulator.Uri -Token $Secrets.Nerm
        Connect-IscTenant -Uri $Emulator.Uri -Credential $Secrets.Isc
        $script:Mark = @(Get-GovernanceEmulatorRequest -Emulator $Emulator | ForEach-Object Sequence | Sort-Object)[-1]
    }

    It '<Name>' -ForEach $Cases {
        Assert-Case $_
    }
}
