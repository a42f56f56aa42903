using namespace Newtonsoft.Json.Linq

$libPath = Join-Path $PSScriptRoot 'lib'
Add-Type -Path (Join-Path $libPath 'Newtonsoft.Json.dll')

$source = @"
using Newtonsoft.Json;

public static class JsonHelper
{
    public static string Pretty(string json) =>
        JsonConvert.SerializeObject(JsonConvert.DeserializeObject(json), Formatting.Indented);
}
"@

Add-Type -TypeDefinition $source -ReferencedAssemblies (Join-Path $libPath 'Newtonsoft.Json.dll')

$settings = [JObject]::Parse('{"name":"demo","retries":3}')
$settings['retries'] = 5
[JsonHelper]::Pretty($settings.ToString()) | Write-Output
