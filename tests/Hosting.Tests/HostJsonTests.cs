using Microsoft.Extensions.Configuration;
using OpenFaaS.Functions.Worker.Hosting;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// host.json as Azure Functions reads it: comments and trailing commas allowed, and an app setting
/// AzureFunctionsJobHost__path overrides the file ("Override host.json values",
/// learn.microsoft.com/azure/azure-functions/functions-host-json#override-hostjson-values).
/// </summary>
public sealed class HostJsonTests
{
    [Fact]
    public void A_host_json_with_comments_and_trailing_commas_is_read_and_an_app_setting_overrides_it()
    {
        var folder = Directory.CreateTempSubdirectory("hostjson-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, HostJson.FileName), """
                {
                  // the version Azure requires
                  "version": "2.0",
                  "extensions": { "http": { "routePrefix": "v1", }, },
                }
                """);
            var settings = new Dictionary<string, string?> { [HostJson.ApplicationDirectoryKey] = folder };

            var file = HostJson.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            settings["AzureFunctionsJobHost:extensions:http:routePrefix"] = "v2";
            var overridden = HostJson.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

            Assert.Equal("2.0", file["version"]);
            Assert.Equal("v1", file["extensions:http:routePrefix"]);
            Assert.Equal("v2", overridden["extensions:http:routePrefix"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
