package io.github.membercard.fake;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.ResolverFully;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged spec as the fake needs it: its operations, and the resource schema of each
 * notification event type. A new operation or event in the spec is served without new code.
 */
final class Spec {

  static final String SPEC_RESOURCE = "io/github/membercard/openapi/wechatpay-membercard.yaml";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
  private static final String PAGING = "x-wechatpay-paging";
  private static final String IDEMPOTENCY_KEY = "x-wechatpay-idempotency-key";

  /**
   * The resource of one notification event type.
   *
   * @param schema the resource's schema
   * @param originalType its {@code original_type}
   * @param summary a summary for the envelope
   */
  record EventResource(Schema<?> schema, String originalType, String summary) {}

  private final Map<String, SpecOperation> operations;
  private final Map<String, EventResource> eventResources;

  private Spec(OpenAPI api) {
    this.operations = operations(api);
    // Parsing resolves what paths reach; event resources are reached by no path, so resolve them
    // here.
    ResolverFully resolver = new ResolverFully();
    resolver.resolveFully(api);
    this.eventResources = eventResources(api, resolver);
  }

  Map<String, SpecOperation> operations() {
    return operations;
  }

  Map<String, EventResource> eventResources() {
    return eventResources;
  }

  static Spec load() {
    URL spec = Spec.class.getClassLoader().getResource(SPEC_RESOURCE);
    if (spec == null) {
      throw new IllegalStateException(SPEC_RESOURCE + " is not on the classpath");
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toString(), null, options);
    if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
      throw new IllegalStateException("The spec does not parse: " + result.getMessages());
    }
    return new Spec(result.getOpenAPI());
  }

  private static Map<String, EventResource> eventResources(OpenAPI api, ResolverFully resolver) {
    Map<String, EventResource> byEventType = new LinkedHashMap<>();
    api.getComponents()
        .getSchemas()
        .values()
        .forEach(
            raw -> {
              Schema<?> schema = resolver.resolveSchema(raw);
              Map<String, Object> extensions = schema.getExtensions();
              if (extensions != null
                  && extensions.get("x-wechatpay-event-types") instanceof List<?> eventTypes) {
                String summary = schema.getDescription().replaceFirst(" \\(.*$", "");
                EventResource resource =
                    new EventResource(
                        schema, (String) extensions.get("x-wechatpay-original-type"), summary);
                eventTypes.forEach(eventType -> byEventType.put((String) eventType, resource));
              }
            });
    return byEventType;
  }

  private static Map<String, SpecOperation> operations(OpenAPI api) {
    Map<String, SpecOperation> byId = new LinkedHashMap<>();
    api.getPaths()
        .forEach(
            (template, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) ->
                            byId.put(
                                operation.getOperationId(),
                                operation(template, item, method, operation))));
    return byId;
  }

  private static SpecOperation operation(
      String template, PathItem item, PathItem.HttpMethod method, Operation operation) {
    List<Parameter> parameters = new ArrayList<>();
    if (item.getParameters() != null) {
      parameters.addAll(item.getParameters());
    }
    if (operation.getParameters() != null) {
      parameters.addAll(operation.getParameters());
    }
    List<String> pathParameters = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher placeholder = PLACEHOLDER.matcher(template);
    int end = 0;
    while (placeholder.find()) {
      regex.append(Pattern.quote(template.substring(end, placeholder.start()))).append("([^/]+)");
      pathParameters.add(placeholder.group(1));
      end = placeholder.end();
    }
    regex.append(Pattern.quote(template.substring(end)));

    Map.Entry<String, ApiResponse> success =
        operation.getResponses().entrySet().stream()
            .filter(response -> response.getKey().startsWith("2"))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        operation.getOperationId() + " documents no 2xx response"));
    List<Parameter> query = parameters.stream().filter(p -> "query".equals(p.getIn())).toList();
    return new SpecOperation(
        operation.getOperationId(),
        method.name(),
        template,
        Pattern.compile(regex.toString()),
        List.copyOf(pathParameters),
        query.stream()
            .map(
                p ->
                    new SpecOperation.QueryParameter(
                        p.getName(),
                        Boolean.TRUE.equals(p.getRequired()),
                        p.getSchema(),
                        Boolean.TRUE.equals(extension(p.getExtensions(), Schemas.ENCRYPTED))))
            .toList(),
        operation.getRequestBody() == null
            ? null
            : jsonSchema(operation.getRequestBody().getContent()),
        Integer.parseInt(success.getKey()),
        success.getValue().getContent() == null
            ? null
            : jsonSchema(success.getValue().getContent()),
        parameters.stream()
            .anyMatch(
                p ->
                    "header".equals(p.getIn())
                        && WechatPayWire.WECHATPAY_SERIAL.equals(p.getName())
                        && Boolean.TRUE.equals(p.getRequired())),
        paging(operation, query),
        (String) extension(operation.getExtensions(), IDEMPOTENCY_KEY));
  }

  /**
   * The paging of an operation marked {@code x-wechatpay-paging}, with its parameters marked by
   * role.
   */
  private static SpecOperation.Paging paging(Operation operation, List<Parameter> query) {
    if (!(extension(operation.getExtensions(), PAGING) instanceof Map<?, ?> paging)) {
      return null;
    }
    return new SpecOperation.Paging(
        pagingParameter(query, "offset"),
        pagingParameter(query, "limit"),
        "page".equals(paging.get("offset")),
        (String) paging.get("items"),
        (String) paging.get("total"));
  }

  private static String pagingParameter(List<Parameter> query, String role) {
    return query.stream()
        .filter(p -> role.equals(extension(p.getExtensions(), PAGING)))
        .map(Parameter::getName)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("a paged operation has no parameter marked " + role));
  }

  private static Object extension(Map<String, Object> extensions, String name) {
    return extensions == null ? null : extensions.get(name);
  }

  private static Schema<?> jsonSchema(Map<String, MediaType> content) {
    MediaType json = content.get("application/json");
    return json == null ? null : json.getSchema();
  }
}
