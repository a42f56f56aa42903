. "$PSScriptRoot/common.ps1"

function Write-DeployLog {
    param([string] $Message)
    Write-PSFMessage -Level Host -Message $Message
}
