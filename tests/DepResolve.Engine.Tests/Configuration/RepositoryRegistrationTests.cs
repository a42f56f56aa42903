using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Configuration;

public sealed class RepositoryRegistrationTests
{
    [Fact]
    public void PSResourceGet_registrations_become_repositories_in_priority_order()
    {
        using var temp = new TempFolder("depresolve-psrg");
        var store = temp.Combine("PSResourceGet", PSResourceGetRepositories.StoreFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        var localFeed = new Uri(temp.Combine("modules")).AbsoluteUri;
        File.WriteAllText(store, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <Repository Name="PSGallery" Uri="https://www.powershellgallery.com/api/v2" APIVersion="v2" Priority="50" Trusted="false" />
              <Repository Name="Internal" Uri="https://pkgs.example/feed/v3/index.json" APIVersion="v3" Priority="10" Trusted="true" VaultName="v" SecretName="s" />
              <Repository Name="Folder" Url="{localFeed}" APIVersion="local" Priority="20" Trusted="true" />
              <Repository Name="Acr" Uri="https://x.azurecr.io" APIVersion="ContainerRegistry" Priority="5" Trusted="true" />
            </configuration>
            """);

        var log = new List<string>();
        var repositories = PSResourceGetRepositories.Read(PSResourceGetRepositories.FindStoreFile(temp.Path)!, log.Add);

        Assert.Equal(["Internal", "Folder", "PSGallery"], repositories.Select(r => r.Name));
        Assert.Equal([RepositoryKind.NuGetV3, RepositoryKind.LocalFolder, RepositoryKind.NuGetV2], repositories.Select(r => r.Kind));
        Assert.Equal(temp.Combine("modules"), repositories[1].Source);
        Assert.Contains(log, line => line.Contains("'Acr'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_corrupt_PSResourceGet_store_is_InvalidInput_naming_it()
    {
        using var temp = new TempFolder("depresolve-psrg");
        var store = temp.Combine(PSResourceGetRepositories.StoreFileName);
        File.WriteAllText(store, "<configuration><Repository Name=");

        var error = Assert.Throws<DepResolveException>(() => PSResourceGetRepositories.Read(store));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(store, error.Message);
    }

    [Fact]
    public void Module_repositories_are_configured_ones_then_registrations_and_the_gallery_only_when_nothing_else()
    {
        var configured = new[] { new RepositorySettings { Name = "team", Source = "/feeds/team" } };
        var registered = new[]
        {
            new RepositorySettings { Name = "PSGallery", Source = RepositorySources.PowerShellGalleryUrl + "/" },
            new RepositorySettings { Name = "team", Source = "https://elsewhere/v2" },
        };

        Assert.Equal(["team", "PSGallery"], RepositorySources.ModuleRepositories(configured, registered).Select(r => r.Name));
        Assert.Equal([RepositorySources.PowerShellGallery], RepositorySources.ModuleRepositories([], null));
    }

    [Fact]
    public void NuGet_config_sources_are_read_with_their_credentials()
    {
        using var temp = new TempFolder("depresolve-nugetconfig");
        var project = temp.Combine("project");
        Directory.CreateDirectory(project);
        File.WriteAllText(temp.Combine("NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{temp.Combine("packages")}" />
                <add key="private" value="https://pkgs.example/v3/index.json" protocolVersion="3" />
                <add key="off" value="https://off.example/v3/index.json" />
              </packageSources>
              <disabledPackageSources><add key="off" value="true" /></disabledPackageSources>
              <packageSourceCredentials>
                <private><add key="Username" value="builder" /><add key="ClearTextPassword" value="t0ken" /></private>
              </packageSourceCredentials>
            </configuration>
            """);

        var sources = NuGetConfigSources.Load(project, userFolder: temp.Combine("no-user-config")).Sources;

        Assert.Equal(["local", "private"], sources.Select(s => s.Name));
        Assert.Equal(RepositoryKind.LocalFolder, sources[0].Kind);
        Assert.Equal(temp.Combine("packages"), sources[0].Source);
        Assert.Equal(RepositoryKind.NuGetV3, sources[1].Kind);
        Assert.Equal("builder", sources[1].UserName);
        Assert.Equal("t0ken", sources[1].Password);
        Assert.True(sources[0].Priority < sources[1].Priority);
    }

    [Fact]
    public void NuGet_Config_files_are_found_from_the_folder_upward_then_the_user_folder_and_a_nearer_clear_wins()
    {
        using var temp = new TempFolder("depresolve-nugetconfig");
        var project = temp.Combine("repo", "project");
        Directory.CreateDirectory(project);
        var user = temp.Combine("user-nuget");
        Directory.CreateDirectory(user);
        File.WriteAllText(Path.Combine(user, "NuGet.Config"), Sources("""<add key="from-user" value="https://user.example/v3/index.json" />"""));
        File.WriteAllText(temp.Combine("repo", "nuget.config"), Sources("""<add key="from-repo" value="https://repo.example/v3/index.json" />"""));

        Assert.Equal([temp.Combine("repo", "nuget.config"), Path.Combine(user, "NuGet.Config")], NuGetConfigSources.FindFiles(project, user));
        Assert.Equal(["from-repo", "from-user"], NuGetConfigSources.Load(project, user).Sources.Select(s => s.Name));

        File.WriteAllText(Path.Combine(project, "NuGet.Config"), Sources("""<clear /><add key="from-project" value="https://project.example/v3/index.json" />"""));
        Assert.Equal(["from-project"], NuGetConfigSources.Load(project, user).Sources.Select(s => s.Name));
        Assert.Empty(NuGetConfigSources.Load(temp.Combine("elsewhere-without-config"), temp.Combine("no-user")).Files);
    }

    [Fact]
    public void An_encrypted_password_is_decrypted_where_NuGet_can_and_is_a_warning_elsewhere()
    {
        using var temp = new TempFolder("depresolve-nugetconfig");
        var encrypted = OperatingSystem.IsWindows()
            ? NuGet.Configuration.EncryptionUtility.EncryptString("t0ken")
            : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("encrypted-elsewhere"));
        File.WriteAllText(temp.Combine("NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="private" value="https://pkgs.example/v3/index.json" /></packageSources>
              <packageSourceCredentials><private><add key="Username" value="builder" /><add key="Password" value="{encrypted}" /></private></packageSourceCredentials>
            </configuration>
            """);
        var warnings = new List<string>();

        var source = NuGetConfigSources.Load(temp.Path, temp.Combine("no-user"), warnings.Add).Sources.Single();

        Assert.Equal("builder", source.UserName);
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal("t0ken", source.Password);
            Assert.Empty(warnings);
        }
        else
        {
            Assert.Null(source.Password);
            Assert.Contains("NuGet.Config source 'private': its encrypted password cannot be decrypted on this machine", Assert.Single(warnings), StringComparison.Ordinal);
        }
    }

    private static string Sources(string items) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration><packageSources>{items}</packageSources></configuration>
        """;
}
