using System.Buffers;
using System.Security.Cryptography;

namespace DepResolve.Engine.Feeds;

/// <summary>
/// A package's bytes kept in memory from download to extraction, in an array rented from the shared pool: the memory
/// this takes stays bounded by the downloads in flight, instead of leaving one large array per package to the garbage
/// collector. <see cref="Dispose"/> returns the array; the bytes must not be read after that.
/// </summary>
internal sealed class PackageBytes : IDisposable
{
    private const int ChunkSize = 1 << 16;

    private byte[]? _array;

    private PackageBytes(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_array ?? throw new ObjectDisposedException(nameof(PackageBytes))).AsMemory(0, Length);

    /// <summary>
    /// Reads <paramref name="source"/> to its end, hashing what it reads with <paramref name="hash"/>. IOException when it
    /// holds more than the <paramref name="expectedLength"/> bytes it declared (nothing is kept).
    /// </summary>
    public static async Task<PackageBytes> ReadAsync(Stream source, int expectedLength, IncrementalHash hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(hash);
        // One byte more than declared, so that a longer stream is noticed.
        var array = ArrayPool<byte>.Shared.Rent(expectedLength + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= expectedLength
                && (read = await source.ReadAsync(array.AsMemory(length, Math.Min(ChunkSize, array.Length - length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(array, length, read);
                length += read;
            }

            if (length > expectedLength)
            {
                throw new IOException($"The package has more than the {expectedLength} bytes it was declared to have.");
            }

            return new PackageBytes(array, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(array);
            throw;
        }
    }

    public Stream OpenRead() => new MemoryStream(_array ?? throw new ObjectDisposedException(nameof(PackageBytes)), 0, Length, writable: false);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
