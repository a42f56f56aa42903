#Requires -Modules Microsoft.Graph.Authentication
using namespace System.Collections.Generic

Import-Module Microsoft.Graph.Users -RequiredVersion 2.15.0

Connect-MgGraph -Scopes 'User.Read.All' -NoWelcome

$report = [List[pscustomobject]]::new()
foreach ($user in Get-MgUser -All -Property DisplayName, Mail) {
    $report.Add([pscustomobject]@{ Name = $user.DisplayName; Mail = $user.Mail })
}

if (Get-Command Get-MgUserManager -ErrorAction SilentlyContinue) {
    $manager = Get-MgUserManager -UserId $report[0].Mail
}

Disconnect-MgGraph | Out-Null
$report | Export-Csv -Path (Join-Path $PSScriptRoot 'users.csv') -NoTypeInformation
