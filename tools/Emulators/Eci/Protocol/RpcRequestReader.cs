using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>Reads an <see cref="RpcRequest"/> from ASP.NET Core, decoding the raw query itself (as the signatures need).</summary>
internal static class RpcRequestReader
{
    public static async Task<RpcRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        byte[] body = buffer.ToArray();
        var form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            ? Parse(Encoding.UTF8.GetString(body))
            : [];
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        string query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        return new RpcRequest(request.Method, request.Path.Value ?? "/", Parse(query), form, headers, body);
    }

    public static List<KeyValuePair<string, string>> Parse(string encoded)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (string pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            result.Add(new(Decode(name), Decode(value)));
        }

        return result;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
