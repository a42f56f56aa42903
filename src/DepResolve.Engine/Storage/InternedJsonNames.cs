using Newtonsoft.Json;

namespace DepResolve.Engine.Storage;

/// <summary>
/// Member names made once per distinct name while a <see cref="JsonTextReader"/> reads a file (as written, letter
/// case kept): on its own the reader makes a new string for every member, and a large lock file repeats the same
/// few names (and package ids) thousands of times.
/// </summary>
internal sealed class InternedJsonNames : JsonNameTable
{
    private readonly DefaultJsonNameTable _seen = new();

    public override string Get(char[] key, int start, int length) =>
        _seen.Get(key, start, length) ?? _seen.Add(new string(key, start, length));
}
