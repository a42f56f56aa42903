using System.Buffers;
using Newtonsoft.Json;

namespace DepResolve.Engine.Feeds.Http;

/// <summary>
/// The character buffers of Newtonsoft's readers, rented from the shared pool: a feed answer's reader returns its
/// buffer when disposed instead of leaving it to the garbage collector, one per metadata request.
/// </summary>
internal sealed class PooledJsonChars : IArrayPool<char>
{
    public static readonly PooledJsonChars Instance = new();

    private PooledJsonChars()
    {
    }

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
