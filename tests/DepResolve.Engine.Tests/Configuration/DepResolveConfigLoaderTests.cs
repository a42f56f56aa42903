using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Configuration;

public sealed class DepResolveConfigLoaderTests
{
    [Fact]
    public void Files_are_found_from_the_script_folder_upward_then_the_user_config_and_the_nearer_wins()
    {
        using var temp = new TempFolder("depresolve-config");
        var script = temp.Combine("repo", "scripts", "deploy.ps1");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, "Get-Thing");
        File.WriteAllText(temp.Combine("repo", "depresolve.json"), """
            { "maxParallelism": 4, "policy": "Lowest", "denyList": ["Evil.*"],
              "repositories": [ { "name": "team", "source": "feeds/team" }, { "name": "shared", "source": "https://feeds.example/v3/index.json" } ],
              "commandMappings": { "Get-Thing": "Thing.Module", "Get-Other": "Other.Module" } }
            """);
        File.WriteAllText(temp.Combine("repo", "scripts", "depresolve.json"), """
            // comments are allowed
            { "maxParallelism": 2, "requestTimeout": 30, "denyList": ["Bad.Module"],
              "repositories": [ { "name": "team", "source": "../local-feed", "priority": 10 } ],
              "commandMappings": { "Get-Thing": "Better.Module" } }
            """);
        var user = temp.Combine("user");
        Directory.CreateDirectory(user);
        File.WriteAllText(Path.Combine(user, "depresolve.json"), """{ "allowPrerelease": true, "maxParallelism": 64, "runTimeout": "00:02:00" }""");

        var loaded = DepResolveConfigLoader.Load(script, userConfigFolder: user);
        var options = loaded.Options;

        Assert.Equal([temp.Combine("repo", "scripts", "depresolve.json"), temp.Combine("repo", "depresolve.json"), Path.Combine(user, "depresolve.json")], loaded.Files);
        Assert.Equal(2, options.MaxParallelism);
        Assert.Equal(ResolutionPolicy.Lowest, options.Policy);
        Assert.True(options.AllowPrerelease);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.RunTimeout);
        Assert.Equal(["Bad.Module", "Evil.*"], options.DenyList.Order());
        Assert.Equal(["team", "shared"], options.Repositories.Select(r => r.Name));
        Assert.Equal(temp.Combine("repo", "local-feed"), options.Repositories[0].Source);
        Assert.Equal(10, options.Repositories[0].Priority);
        Assert.Equal("Better.Module", options.CommandMappings["get-thing"]);
        Assert.Equal("Other.Module", options.CommandMappings["Get-Other"]);
    }

    [Fact]
    public void An_unknown_key_is_a_warning_naming_the_file_the_key_its_line_and_the_nearest_known_key()
    {
        using var temp = new TempFolder("depresolve-config");
        var file = temp.Combine("depresolve.json");
        File.WriteAllText(file, """
            {
              "offlne": true,
              "failOnUnresolved": true,
              "repositories": [ { "name": "team", "source": "feed", "priorty": 10 } ],
              "zzzzzzzzzzzz": 1
            }
            """);
        var warnings = new List<string>();

        var options = DepResolveConfigLoader.Load(file, userConfigFolder: temp.Combine("no-user"), warn: warnings.Add).Options;

        Assert.Equal(
            [
                $"{file} (line 2): unknown setting 'offlne' ignored; did you mean 'offline'?",
                $"{file} (line 4): unknown repository setting 'priorty' ignored; did you mean 'priority'?",
                $"{file} (line 5): unknown setting 'zzzzzzzzzzzz' ignored.",
            ],
            warnings);
        Assert.False(options.Offline);
        Assert.True(options.FailOnUnresolved);
        Assert.Equal(50, options.Repositories.Single().Priority);
    }

    [Fact]
    public void Without_any_file_the_defaults_stand()
    {
        using var temp = new TempFolder("depresolve-config");

        var loaded = DepResolveConfigLoader.Load(temp.Combine("script.ps1"), userConfigFolder: temp.Combine("no-user-config"));

        Assert.DoesNotContain(loaded.Files, f => f.StartsWith(temp.Path, StringComparison.Ordinal));
        Assert.Equal(new DepResolveOptions().MaxParallelism, loaded.Options.MaxParallelism);
    }

    [Theory]
    [InlineData("{ \"maxParallelism\": 4,\n  \"offline\": tru }", 2)]
    [InlineData("{ \"maxParallelism\": 4,\n\n  \"offline\": \"yes\" }", 3)]
    [InlineData("{\n \"policy\": \"Newest\" }", 2)]
    [InlineData("{\n \"repositories\": [ { \"name\": \"x\" } ] }", 2)]
    [InlineData("[ 1, 2 ]", 1)]
    public void A_malformed_file_is_InvalidInput_naming_the_file_and_line(string json, int line)
    {
        using var temp = new TempFolder("depresolve-config");
        var file = temp.Combine("depresolve.json");
        File.WriteAllText(file, json);

        var error = Assert.Throws<DepResolveException>(() => DepResolveConfigLoader.Load(temp.Combine("s.ps1"), userConfigFolder: temp.Combine("none")));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(file, error.Message);
        Assert.Contains($"line {line}", error.Message);
    }

    [Fact]
    public void The_user_config_folder_follows_XDG_then_home()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(Path.Combine(@"C:\Users\a\AppData\Roaming", "DepResolve"), DepResolveConfigLoader.DefaultUserConfigFolder(v => v == "APPDATA" ? @"C:\Users\a\AppData\Roaming" : null));
            return;
        }

        Assert.Equal("/xdg/DepResolve", DepResolveConfigLoader.DefaultUserConfigFolder(v => v switch { "XDG_CONFIG_HOME" => "/xdg", "HOME" => "/home/a", _ => null }));
        Assert.Equal("/home/a/.config/DepResolve", DepResolveConfigLoader.DefaultUserConfigFolder(v => v == "HOME" ? "/home/a" : null));
    }

    [Fact]
    public void Retry_settings_and_the_metadata_cap_reach_the_feed_http_client()
    {
        using var temp = new TempFolder("depresolve-config");
        File.WriteAllText(temp.Combine("depresolve.json"), """{ "maxRetries": 1, "retryBaseDelay": 0.05, "maxMetadataBytes": 4096 }""");

        var options = DepResolveConfigLoader.Load(temp.Combine("s.ps1"), userConfigFolder: temp.Combine("none")).Options;
        var http = Engine.Feeds.Http.FeedHttpSettings.FromOptions(options);

        Assert.Equal(1, http.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(50), http.RetryBaseDelay);
        Assert.Equal(4096, http.MaxMetadataBytes);
    }

    [Fact]
    public void Without_retry_settings_the_feed_http_defaults_stand()
    {
        var http = Engine.Feeds.Http.FeedHttpSettings.FromOptions(new DepResolveOptions());
        var defaults = new Engine.Feeds.Http.FeedHttpSettings();

        Assert.Equal(defaults.MaxRetries, http.MaxRetries);
        Assert.Equal(defaults.RetryBaseDelay, http.RetryBaseDelay);
        Assert.Equal(defaults.MaxMetadataBytes, http.MaxMetadataBytes);
    }

    [Fact]
    public void Zero_retries_is_allowed_for_CI()
    {
        using var temp = new TempFolder("depresolve-config");
        File.WriteAllText(temp.Combine("depresolve.json"), """{ "maxRetries": 0 }""");

        Assert.Equal(0, DepResolveConfigLoader.Load(temp.Combine("s.ps1"), userConfigFolder: temp.Combine("none")).Options.MaxRetries);
    }

    [Theory]
    [InlineData("maxRetries", "-1")]
    [InlineData("maxRetries", "1.5")]
    [InlineData("maxRetries", "\"3\"")]
    [InlineData("retryBaseDelay", "-0.5")]
    [InlineData("retryBaseDelay", "0")]
    [InlineData("maxMetadataBytes", "-1")]
    [InlineData("maxMetadataBytes", "0")]
    public void A_negative_or_malformed_retry_setting_is_InvalidInput_naming_the_file_and_key(string key, string value)
    {
        using var temp = new TempFolder("depresolve-config");
        var file = temp.Combine("depresolve.json");
        File.WriteAllText(file, $"{{ \"{key}\": {value} }}");

        var error = Assert.Throws<DepResolveException>(() => DepResolveConfigLoader.Load(temp.Combine("s.ps1"), userConfigFolder: temp.Combine("none")));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(file, error.Message);
        Assert.Contains($"'{key}'", error.Message);
    }
}
