using Microsoft.Azure.Functions.Worker;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>ConfigureFunctionsWebApplication</c> of Microsoft's ASP.NET Core integration. The OpenFaaS
/// host is an ASP.NET Core application already, so HttpRequest, HttpContext, IActionResult and
/// IResult work in every app; this is ConfigureFunctionsWorkerDefaults under Azure's name.
/// </summary>
public static class FunctionsWebApplicationExtensions
{
    public static IHostBuilder ConfigureFunctionsWebApplication(this IHostBuilder builder) =>
        builder.ConfigureFunctionsWorkerDefaults();

    public static IHostBuilder ConfigureFunctionsWebApplication(this IHostBuilder builder, Action<IFunctionsWorkerApplicationBuilder> configureWorker) =>
        builder.ConfigureFunctionsWorkerDefaults(configureWorker);

    public static IHostBuilder ConfigureFunctionsWebApplication(this IHostBuilder builder, Action<HostBuilderContext, IFunctionsWorkerApplicationBuilder> configureWorker) =>
        builder.ConfigureFunctionsWorkerDefaults(configureWorker);
}
