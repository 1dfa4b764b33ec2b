// The readable API reference served at /api/docs: Swagger UI over the server's own contract.
// Bundled from npm so it loads nothing from elsewhere and runs under `script-src 'self'`.
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js'
import 'swagger-ui-dist/swagger-ui.css'
import './api-docs.css'

SwaggerUI({
  url: '/api/v1/openapi.yaml',
  dom_id: '#api-reference',
  deepLinking: true,
  // The default validator badge would ask a public server to check the contract.
  validatorUrl: null,
  tryItOutEnabled: false,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
})
