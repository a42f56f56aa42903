function Get-MyConfig {
    param([string] $Path)
    Write-PSFMessage -Message "Reading $Path"
    Get-Secret -Name 'MyTools' -AsPlainText
}
Export-ModuleMember -Function Get-MyConfig
