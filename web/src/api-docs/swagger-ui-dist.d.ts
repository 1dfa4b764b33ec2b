// swagger-ui-dist ships no types; this is the part of its bundle's API that api-docs uses.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  interface SwaggerUIOptions {
    url: string
    dom_id: string
    deepLinking?: boolean
    validatorUrl?: string | null
    tryItOutEnabled?: boolean
    docExpansion?: 'list' | 'full' | 'none'
    defaultModelsExpandDepth?: number
  }
  const SwaggerUIBundle: (options: SwaggerUIOptions) => unknown
  export default SwaggerUIBundle
}
