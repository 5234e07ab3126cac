namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary><c>builder.ConfigureFunctionsWebApplication()</c> for <c>FunctionsApplication.CreateBuilder(args)</c>.</summary>
public static class FunctionsApplicationBuilderAspNetCoreExtensions
{
    /// <summary>Nothing to add: the OpenFaaS host serves HttpRequest/IActionResult/IResult functions in every app.</summary>
    public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) => builder;
}
