. "$PSScriptRoot/lib/common.ps1"

Write-DeployLog 'Starting deployment'
$site = Get-DeploymentTarget -Name 'web01'
New-PnPSite -Type CommunicationSite -Title $site.Title -Url $site.Url
& "$PSScriptRoot/lib/notify.ps1" -Message 'Deployed'
