#Requires -Modules @{ ModuleName = 'Demo.Greeting'; ModuleVersion = '1.0.0' }
# The quick start: DepResolve finds Demo.Greeting (and, through it, Demo.Text) in ./examples/feed,
# installs both into an isolated environment and runs this script there.
param([string] $Name = 'DepResolve')

Get-Greeting -Name $Name
