using Microsoft.AspNetCore.Http;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// <c>FunctionContext.GetHttpContext()</c> of Microsoft's ASP.NET Core integration
/// (Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore), which the OpenFaaS host
/// provides itself: that package depends on the gRPC worker this host replaces.
/// </summary>
public static class FunctionContextHttpContextExtensions
{
    /// <summary>The key under which Microsoft's integration keeps the HttpContext in <see cref="FunctionContext.Items"/>.</summary>
    public const string HttpContextKey = "HttpRequestContext";

    /// <summary>The ASP.NET Core <see cref="HttpContext"/> of an HTTP invocation, or null (a timer).</summary>
    public static HttpContext? GetHttpContext(this FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(HttpContextKey, out var value) ? value as HttpContext : null;
    }
}
