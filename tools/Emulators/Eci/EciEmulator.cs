using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImageCacheFunctions.Emulators.Eci.Admin;
using ImageCacheFunctions.Emulators.Eci.Calls;
using ImageCacheFunctions.Emulators.Eci.Faults;
using ImageCacheFunctions.Emulators.Eci.ImageCaches;
using ImageCacheFunctions.Emulators.Eci.Protocol;
using ImageCacheFunctions.Emulators.Eci.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.Emulators.Eci;

/// <summary>
/// A loopback HTTP server speaking ECI's OpenAPI wire protocol for the four image-cache operations
/// (and STS AssumeRoleWithOIDC for RRSA), with signature checks, a controllable clock, switchable
/// faults and a record of every call. Start it with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class EciEmulator : IAsyncDisposable
{
    /// <summary>The ECI API version served.</summary>
    public const string EciApiVersion = "2018-08-08";

    /// <summary>The STS API version served.</summary>
    public const string StsApiVersion = "2015-04-01";

    private static readonly JsonSerializerOptions WireJson = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly EciEmulatorOptions _options;
    private readonly KeyRegistry _keys;
    private readonly RequestAuthenticator _authenticator;
    private readonly PullRules _rules;
    private readonly ImageCacheStore _store;
    private readonly AcrInstances _acr;
    private readonly StsStub _sts;
    private WebApplication? _app;

    /// <summary>Creates an emulator (not yet listening).</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public EciEmulator(EciEmulatorOptions? options = null)
    {
        _options = options ?? new EciEmulatorOptions();
        if (!IPAddress.IsLoopback(_options.Address))
        {
            throw new ArgumentException($"The ECI emulator listens on loopback only, not {_options.Address}.", nameof(options));
        }

        Clock = _options.Clock ?? EmulatorClock.Live();
        var random = _options.Seed is int seed ? new Random(seed) : new Random();
        _keys = new KeyRegistry(_options.AccessKeys);
        _authenticator = new RequestAuthenticator(_keys, new NonceLedger(_options.TimestampTolerance), Clock, _options.TimestampTolerance);
        _rules = new PullRules(
            new HashSet<string>(_options.UnreachableRegistries, StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(_options.PrivateRegistries, StringComparer.OrdinalIgnoreCase));
        var timings = new EmulatorTimings(_options.PreparingDuration, _options.PullDurationPerImage, _options.FailedRetention);
        _acr = new AcrInstances(_rules);
        _store = new ImageCacheStore(Clock, _rules, _acr, timings, new Random(random.Next()), _options.DefaultPageSize, _options.MaxPageSize, _options.ImageCacheQuota);
        _sts = new StsStub(_keys, Clock, new Random(random.Next()), _options.AcceptedOidcToken);
        Faults = new FaultInjector(new Random(random.Next()));
    }

    /// <summary>The emulator's clock; <see cref="EmulatorClock.Advance"/> moves every cache's lifecycle.</summary>
    public EmulatorClock Clock { get; }

    /// <summary>Switchable faults (throttling, 5xx, latency, one-shot answers).</summary>
    public FaultInjector Faults { get; }

    /// <summary>Every call received (secrets removed).</summary>
    public CallLog Calls { get; } = new();

    /// <summary>The region named in examples and the default for tools.</summary>
    public string RegionId => _options.RegionId;

    /// <summary>The base URL (e.g. <c>http://127.0.0.1:54321/</c>); set by <see cref="StartAsync"/>.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Number of caches that exist (not deleted, not expired) now.</summary>
    public int ImageCacheCount => _store.Count();

    /// <summary>Number of temporary credentials the STS stub has issued.</summary>
    public int IssuedStsCredentials => _sts.IssuedCount;

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The base URL.</returns>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The emulator is already started.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(_options.Address, _options.Port));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        if (!_options.EnableConsoleLogging)
        {
            builder.Logging.ClearProviders();
        }

        var app = builder.Build();
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], HandleAsync);
        AdminEndpoints.Map(app, this);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
        return BaseUri;
    }

    /// <summary>Accepts another AccessKey pair.</summary>
    /// <param name="key">The pair.</param>
    public void AddAccessKey(EmulatorAccessKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _keys.AddPermanent(key);
    }

    /// <summary>Makes pulls from a registry fail (or work again).</summary>
    /// <param name="registry">Registry host, e.g. <c>registry.example.com</c> (<c>docker.io</c> for Docker Hub).</param>
    /// <param name="unreachable">Whether it is unreachable.</param>
    public void SetRegistryUnreachable(string registry, bool unreachable = true) => _rules.SetUnreachable(registry, unreachable);

    /// <summary>Makes a registry require an ImageRegistryCredential for its server (or not).</summary>
    /// <param name="registry">Registry host.</param>
    /// <param name="isPrivate">Whether it is private.</param>
    public void SetRegistryPrivate(string registry, bool isPrivate = true) => _rules.SetPrivate(registry, isPrivate);

    /// <summary>Gives an image a size: a cache whose images together exceed its ImageCacheSize fails, as ECI's does.</summary>
    /// <param name="image">The image as written in Image.N.</param>
    /// <param name="bytes">Its size in bytes.</param>
    public void SetImageSize(string image, long bytes) => _rules.SetImageSize(image, bytes);

    /// <summary>
    /// Adds an ACR Enterprise Edition instance of the account: its domains become private, and a
    /// create whose AcrRegistryInfo names the instance pulls from them without credentials.
    /// </summary>
    /// <param name="regionId">The instance's region.</param>
    /// <param name="instanceId">Its id, <c>cri-…</c>.</param>
    /// <param name="domains">Its registry domains.</param>
    public void AddAcrInstance(string regionId, string instanceId, params string[] domains) => _acr.Add(regionId, instanceId, domains);

    /// <summary>Sets a cache's LastMatchedTime (as if a pod had used it then).</summary>
    /// <param name="imageCacheId">The cache.</param>
    /// <param name="time">The time, or null to clear it.</param>
    /// <returns>False when the cache does not exist.</returns>
    public bool SetLastMatchedTime(string imageCacheId, DateTimeOffset? time) => _store.SetLastMatchedTime(imageCacheId, time);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var request = await RpcRequestReader.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        var (identity, authError) = _authenticator.Authenticate(request);
        string requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        int status = StatusCodes.Status200OK;
        string? errorCode = null;
        object answer;
        if (authError is null)
        {
            try
            {
                await Faults.WaitIfHeldAsync(identity.Action, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // The caller gave up while the test held its call.
            }
        }

        try
        {
            if (authError is not null)
            {
                throw new EmulatorErrorException(authError);
            }

            ThrowIfFault(identity.Action, afterProcessing: false);
            answer = Dispatch(identity, new ParameterReader(request.Parameters), requestId);
            ThrowIfFault(identity.Action, afterProcessing: true);
        }
        catch (EmulatorErrorException e)
        {
            status = (int)e.Error.Status;
            errorCode = e.Error.Code;
            answer = new
            {
                RequestId = requestId,
                HostId = $"eci.{request.Parameter("RegionId") ?? _options.RegionId}.aliyuncs.com",
                e.Error.Code,
                e.Error.Message,
                Recommend = $"https://api.aliyun.com/troubleshoot?q={e.Error.Code}&product=Eci&requestId={requestId}",
            };
        }

        int latency = Faults.Settings.LatencyMilliseconds;
        if (latency > 0)
        {
            try
            {
                await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up (its timeout); the call is still recorded below.
            }
        }

        Calls.Add(new EmulatorCall(
            Clock.GetUtcNow(), identity.Action, identity.SignatureMethod, identity.AccessKeyId, identity.SecurityTokenPresent,
            identity.Nonce, identity.Timestamp, CallLog.Redact(request.Parameters), status, errorCode));
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(answer, answer.GetType(), WireJson), cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfFault(string action, bool afterProcessing)
    {
        if (Faults.Take(action, afterProcessing) is { } fault)
        {
            throw new EmulatorErrorException(new EmulatorError((HttpStatusCode)fault.StatusCode, fault.Code, fault.Message));
        }
    }

    private object Dispatch(CallIdentity identity, ParameterReader parameters, string requestId)
    {
        string expectedVersion = identity.Action == RequestAuthenticator.AnonymousAction ? StsApiVersion : EciApiVersion;
        if (identity.Action is not ("CreateImageCache" or "DescribeImageCaches" or "UpdateImageCache" or "DeleteImageCache" or RequestAuthenticator.AnonymousAction))
        {
            throw new EmulatorErrorException(string.IsNullOrEmpty(identity.Action) ? EmulatorError.Missing("Action") : EmulatorError.UnknownAction(identity.Action));
        }

        if (identity.Version != expectedVersion)
        {
            throw new EmulatorErrorException(new EmulatorError(HttpStatusCode.BadRequest, "InvalidVersion", $"Specified parameter Version \"{identity.Version}\" is not valid; expected {expectedVersion}."));
        }

        return identity.Action switch
        {
            "CreateImageCache" => _store.Create(parameters, requestId),
            "DescribeImageCaches" => _store.Describe(parameters, requestId),
            "UpdateImageCache" => _store.Update(parameters, requestId),
            "DeleteImageCache" => _store.Delete(parameters, requestId),
            _ => _sts.AssumeRoleWithOidc(parameters, requestId),
        };
    }
}
