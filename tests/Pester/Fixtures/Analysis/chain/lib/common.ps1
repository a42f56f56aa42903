. (Join-Path $PSScriptRoot 'logging.ps1')

function Get-DeploymentTarget {
    param([string] $Name)
    Connect-PnPOnline -Url "https://contoso.sharepoint.com/sites/$Name" -Interactive
    [pscustomobject]@{ Title = $Name; Url = "https://contoso.sharepoint.com/sites/$Name" }
}
