using System.Net;
using Azure.Core.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Net.Http.Headers;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>Copies a function's result onto the ASP.NET Core response.</summary>
internal static class HttpResponseWriter
{
    private static readonly HashSet<string> HostOwnedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Connection,
    };

    public static async Task WriteAsync(HttpResponse response, HttpResponseData data, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)data.StatusCode;
        foreach (var header in data.Headers.NonValidated)
        {
            if (!HostOwnedHeaders.Contains(header.Key))
            {
                response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        if (data.Cookies is ResponseCookies cookies)
        {
            foreach (var cookie in cookies.All)
            {
                response.Cookies.Append(cookie.Name, cookie.Value, ToOptions(cookie));
            }
        }

        var body = data.Body;
        if (body is null)
        {
            return;
        }

        if (body.CanSeek)
        {
            body.Position = 0;
            response.ContentLength = body.Length;
        }

        await body.CopyToAsync(response.Body, cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteTextAsync(HttpResponse response, string? text, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)HttpStatusCode.OK;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(text ?? string.Empty, cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteJsonAsync(HttpResponse response, object? value, ObjectSerializer serializer, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)HttpStatusCode.OK;
        response.ContentType = "application/json; charset=utf-8";
        await serializer.SerializeAsync(response.Body, value, value?.GetType() ?? typeof(object), cancellationToken).ConfigureAwait(false);
    }

    private static CookieOptions ToOptions(IHttpCookie cookie)
    {
        var options = new CookieOptions
        {
            Domain = cookie.Domain,
            Path = cookie.Path,
            Expires = cookie.Expires,
            HttpOnly = cookie.HttpOnly ?? false,
            Secure = cookie.Secure ?? false,
            SameSite = cookie.SameSite switch
            {
                SameSite.Lax => Microsoft.AspNetCore.Http.SameSiteMode.Lax,
                SameSite.Strict => Microsoft.AspNetCore.Http.SameSiteMode.Strict,
                SameSite.ExplicitNone => Microsoft.AspNetCore.Http.SameSiteMode.None,
                _ => Microsoft.AspNetCore.Http.SameSiteMode.Unspecified,
            },
        };
        if (cookie.MaxAge is { } maxAge)
        {
            options.MaxAge = TimeSpan.FromSeconds(maxAge);
        }

        return options;
    }
}
