using System.Text;

namespace DepResolve.Engine.Running;

/// <summary>Reads a stream to its end, keeping at most a fixed number of bytes and counting the rest.</summary>
internal sealed class BoundedStreamReader
{
    private readonly int _maxBytes;
    private readonly MemoryStream _kept = new();
    private readonly object _gate = new();

    public BoundedStreamReader(int maxBytes) => _maxBytes = Math.Max(0, maxBytes);

    public long TotalBytes { get; private set; }

    public bool Truncated => TotalBytes > _maxBytes;

    public async Task ReadToEndAsync(Stream stream)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (IOException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            lock (_gate)
            {
                var room = (int)Math.Max(0, Math.Min(read, _maxBytes - _kept.Length));
                if (room > 0)
                {
                    _kept.Write(buffer, 0, room);
                }

                TotalBytes += read;
            }
        }
    }

    public string GetText()
    {
        lock (_gate)
        {
            return GetTextUnlocked();
        }
    }

    private string GetTextUnlocked()
    {
        var text = new UTF8Encoding(false).GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
        return Truncated
            ? text + Environment.NewLine + $"[output truncated: {TotalBytes - _kept.Length} of {TotalBytes} bytes dropped]"
            : text;
    }
}
