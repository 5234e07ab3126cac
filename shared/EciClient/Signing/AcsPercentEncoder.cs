using System.Buffers;
using System.Text;

namespace ImageCacheFunctions.Eci.Signing;

/// <summary>
/// Percent-encoding as Alibaba Cloud's signatures define it (RFC 3986): only
/// <c>A-Z a-z 0-9 - _ . ~</c> stay literal; everything else becomes <c>%XY</c> of its UTF-8 bytes
/// (so a space is <c>%20</c>, never <c>+</c>, and <c>*</c> is <c>%2A</c>).
/// </summary>
public static class AcsPercentEncoder
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Encodes <paramref name="value"/> for a canonical query string or string to sign.</summary>
    /// <param name="value">The text to encode.</param>
    /// <returns>The encoded text.</returns>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsAllUnreserved(value))
        {
            return value;
        }

        int maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            int count = Encoding.UTF8.GetBytes(value, rented);
            var builder = new StringBuilder(count * 3);
            for (int i = 0; i < count; i++)
            {
                byte b = rented[i];
                if (IsUnreserved(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
                }
            }

            return builder.ToString();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsAllUnreserved(string value)
    {
        foreach (char c in value)
        {
            if (c > 0x7F || !IsUnreserved((byte)c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
