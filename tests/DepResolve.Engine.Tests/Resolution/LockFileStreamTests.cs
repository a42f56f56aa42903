using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;

namespace DepResolve.Engine.Tests.Resolution;

/// <summary>
/// The token-stream reader of lock files against the JSON-tree reader it stands in for: whatever it takes, it reads
/// as the tree reader does (same sections, packages, spellings and order); whatever is doubtful, it leaves to the tree
/// reader, whose messages users know.
/// </summary>
public class LockFileStreamTests
{
    private const string Valid = """
        {
          "formatVersion": 2,
          "scripts": {
            "deploy.ps1": {
              "packages": {
                "Az.Accounts": { "dependencies": {}, "sha512": "aaa==", "source": "PSGallery", "version": "3.1.0" },
                "Az.Compute": { "dependencies": { "Az.Accounts": "[3.0.0, )", "Az.Resources": "[6.0, 7.0)" }, "sha512": "bbb==", "source": "PSGallery", "version": "7.1" },
                "Az.Resources": { "dependencies": { "Az.Accounts": "[3.0.0, )" }, "sha512": "ccc==", "source": "internal", "version": "6.2.0.1" }
              },
              "policy": "Highest",
              "repositories": [ { "name": "internal", "source": "https://pkgs.example.com/index.json" }, { "name": "PSGallery", "source": "https://www.powershellgallery.com/api/v2" } ],
              "revealed": [ "Az.Resources" ]
            },
            "tools/report.ps1": {
              "packages": { "Pester": { "dependencies": {}, "sha512": "ddd==", "source": "PSGallery", "version": "5.6.0-beta1" } },
              "policy": "Lowest",
              "repositories": []
            }
          },
          "shared": {
            "packages": { "Pester": { "sha512": "eee==", "source": "PSGallery", "version": "5.5.0" } },
            "policy": "Highest"
          }
        }
        """;

    public static TheoryData<string, string> Taken => new()
    {
        { "as written", Valid },
        { "on one line", Valid.Replace("\n", " ") },
        { "members in another order", Valid.Replace("\"formatVersion\": 2,", "").Replace("\"shared\": {", "\"formatVersion\": 2, \"shared\": {") },
        { "policy before packages", Valid.Replace("\"policy\": \"Lowest\",", "").Replace("\"tools/report.ps1\": {", "\"tools/report.ps1\": { \"policy\": \"Lowest\",") },
        { "comments", Valid.Replace("\"scripts\": {", "/* sections */ \"scripts\": // per script\n {").Replace("\"sha512\": \"aaa==\"", "\"sha512\": /* hash */ \"aaa==\"") + "\n// end\n" },
        { "unknown members", Valid.Replace("\"policy\": \"Highest\",", "\"policy\": \"Highest\", \"note\": { \"a\": [1, 2, { \"b\": null }] },").Replace("\"sha512\": \"bbb==\"", "\"extra\": true, \"sha512\": \"bbb==\"") },
        { "no shared section", Valid[..Valid.IndexOf(",\n  \"shared\"", StringComparison.Ordinal)] + "\n}" },
        { "a policy in lower case", Valid.Replace("\"Lowest\"", "\"lowest\"") },
        { "a revealed id twice", Valid.Replace("[ \"Az.Resources\" ]", "[ \"Az.Resources\", \"az.resources\" ]") },
    };

    public static TheoryData<string, string> LeftToTheTree => new()
    {
        { "format 1", """{ "formatVersion": 1, "packages": {}, "policy": "Highest" }""" },
        { "a newer format", Valid.Replace("\"formatVersion\": 2", "\"formatVersion\": 3") },
        { "a format given as text", Valid.Replace("\"formatVersion\": 2", "\"formatVersion\": \"2\"") },
        { "a huge format", Valid.Replace("\"formatVersion\": 2", "\"formatVersion\": 99999999999999999999999") },
        { "no format", Valid.Replace("\"formatVersion\": 2,", "") },
        { "a member twice", Valid.Replace("\"policy\": \"Highest\",", "\"policy\": \"Lowest\", \"policy\": \"Highest\",") },
        { "a package twice", Valid.Replace("\"Az.Resources\": { \"dependencies\"", "\"Az.Accounts\": { \"dependencies\"") },
        { "a package twice in another case", Valid.Replace("\"Az.Resources\": { \"dependencies\"", "\"az.accounts\": { \"dependencies\"") },
        { "a dependency twice", Valid.Replace("\"Az.Resources\": \"[6.0, 7.0)\"", "\"Az.Accounts\": \"[6.0, 7.0)\"") },
        { "a section twice", Valid.Replace("\"tools/report.ps1\": {", "\"deploy.ps1\": {") },
        { "a version that is not one", Valid.Replace("\"version\": \"7.1\"", "\"version\": \"seven\"") },
        { "a version as a number", Valid.Replace("\"version\": \"7.1\"", "\"version\": 7.1") },
        { "a blank source", Valid.Replace("\"source\": \"internal\", \"version\"", "\"source\": \" \", \"version\"") },
        { "no hash", Valid.Replace("\"sha512\": \"ccc==\", ", "") },
        { "a range that is not one", Valid.Replace("[6.0, 7.0)", "six") },
        { "a bad package id", Valid.Replace("\"Az.Resources\": { \"dependencies\"", "\"Az Resources\": { \"dependencies\"") },
        { "a bad revealed id", Valid.Replace("[ \"Az.Resources\" ]", "[ \"../x\" ]") },
        { "an unknown policy", Valid.Replace("\"Lowest\"", "\"Newest\"") },
        { "no policy", Valid.Replace("\"policy\": \"Lowest\",", "") },
        { "packages as a list", Valid.Replace("\"packages\": { \"Pester\": { \"dependencies\": {}, \"sha512\": \"ddd==\", \"source\": \"PSGallery\", \"version\": \"5.6.0-beta1\" } }", "\"packages\": []") },
        { "a repository without a source", Valid.Replace("{ \"name\": \"internal\", \"source\": \"https://pkgs.example.com/index.json\" }", "{ \"name\": \"internal\" }") },
        { "a shared section that is text", Valid[..Valid.IndexOf("\"shared\"", StringComparison.Ordinal)] + "\"shared\": \"none\" }" },
        { "cut short", Valid[..(Valid.Length / 2)] },
        { "cut inside a list", Valid[..(Valid.IndexOf("\"revealed\": [ ", StringComparison.Ordinal) + 14)] },
        { "text after the object", Valid + " {}" },
        { "not JSON", "formatVersion = 2" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(Taken))]
    public void A_valid_file_is_read_from_its_tokens_as_the_tree_reads_it(string why, string text)
    {
        var streamed = LockFileStream.TryRead(new StringReader(text), "deploy/depresolve.lock.json");

        Assert.True(streamed is not null, why);
        AssertSame(LockFileSerializer.ParseTree(text, "deploy/depresolve.lock.json"), streamed);
    }

    [Theory]
    [MemberData(nameof(LeftToTheTree))]
    public void Anything_doubtful_is_left_to_the_tree_reader_whose_answer_stands(string why, string text)
    {
        Assert.True(LockFileStream.TryRead(new StringReader(text), "x.json") is null, why);

        Exception? treeError = null;
        LockDocument? tree = null;
        try
        {
            tree = LockFileSerializer.ParseTree(text, "x.json");
        }
        catch (Exception e)
        {
            treeError = e;
        }

        if (treeError is not null)
        {
            var error = Assert.ThrowsAny<Exception>(() => LockFileSerializer.Parse(text, "x.json"));
            Assert.Equal((treeError.GetType(), treeError.Message), (error.GetType(), error.Message));
            Assert.Equal((treeError as DepResolveException)?.Code, (error as DepResolveException)?.Code);
        }
        else
        {
            AssertSame(tree!, LockFileSerializer.Parse(text, "x.json"));
        }
    }

    [Fact]
    public void Reading_a_file_takes_the_stream_and_gives_the_tree_readers_document()
    {
        using var folder = new Fixtures.TempFolder();
        var path = folder.Combine("depresolve.lock.json");
        File.WriteAllText(path, Valid);

        AssertSame(LockFileSerializer.ParseTree(Valid, path), LockFileSerializer.Read(path));
    }

    /// <summary>Same file text when written, and the same spellings, order, paths and keys section by section.</summary>
    private static void AssertSame(LockDocument expected, LockDocument actual)
    {
        Assert.Equal(LockFileSerializer.Serialize(expected), LockFileSerializer.Serialize(actual));
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.Scripts.Keys, actual.Scripts.Keys);
        foreach (var (key, section) in expected.Scripts.Append(new("shared", expected.Shared!)).Where(s => s.Value is not null))
        {
            var other = key == "shared" ? actual.Shared! : actual.Scripts[key];
            Assert.Equal((section.ContentDigest, section.Path, section.Section), (other.ContentDigest, other.Path, other.Section));
            Assert.Equal(section.Packages.Keys, other.Packages.Keys);
            Assert.Equal(section.Revealed, other.Revealed);
        }

        Assert.Equal(expected.Shared is null, actual.Shared is null);
    }
}
