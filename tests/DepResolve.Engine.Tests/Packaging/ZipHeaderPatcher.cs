using System.Buffers.Binary;
using System.Text;

namespace DepResolve.Engine.Tests.Packaging;

/// <summary>Rewrites the declared uncompressed size of one zip entry in both its local and central headers.</summary>
internal static class ZipHeaderPatcher
{
    public static void SetUncompressedSize(string zipPath, string entryName, uint declaredSize)
    {
        var bytes = File.ReadAllBytes(zipPath);
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && NameAt(bytes, i + 30, i + 26, name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declaredSize);
                patched++;
            }
            else if (signature == 0x02014b50 && NameAt(bytes, i + 46, i + 28, name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declaredSize);
                patched++;
            }
        }

        if (patched != 2)
        {
            throw new InvalidOperationException($"Expected a local and a central header for '{entryName}', patched {patched}.");
        }

        File.WriteAllBytes(zipPath, bytes);
    }

    private static bool NameAt(byte[] bytes, int nameOffset, int lengthOffset, byte[] name) =>
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(lengthOffset)) == name.Length
        && nameOffset + name.Length <= bytes.Length
        && bytes.AsSpan(nameOffset, name.Length).SequenceEqual(name);
}
