function Get-DemoGreeting {
    param([string] $Name = 'world')
    "Hello, $Name, from DemoGreeting"
}
