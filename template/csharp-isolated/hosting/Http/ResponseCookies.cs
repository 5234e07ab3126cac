using Microsoft.Azure.Functions.Worker.Http;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>The cookies a function sets on its response.</summary>
internal sealed class ResponseCookies : HttpCookies
{
    private readonly List<IHttpCookie> _cookies = [];

    public IReadOnlyList<IHttpCookie> All => _cookies;

    public override void Append(string name, string value) => _cookies.Add(new HttpCookie(name, value));

    public override void Append(IHttpCookie cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        _cookies.Add(cookie);
    }

    public override IHttpCookie CreateNew() => new HttpCookie(string.Empty, string.Empty);
}
