import Aura from '@primeuix/themes/aura'
import { createPinia } from 'pinia'
import 'primeicons/primeicons.css'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import { createApp, watch } from 'vue'
import { configureHttp } from '@/api/http'
import { currentLanguage, i18n } from '@/locales'
import { primeVueLocale } from '@/primevue-locale'
import { createAppRouter, installGuard } from '@/router'
import { useSessionStore } from '@/stores/session'
import App from './App.vue'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()
app.use(pinia)
app.use(i18n)
app.use(PrimeVue, {
  theme: { preset: Aura, options: { darkModeSelector: false, cssLayer: false } },
})
app.use(ToastService)
app.use(ConfirmationService)

const session = useSessionStore(pinia)
configureHttp({
  language: currentLanguage,
  csrfToken: () => session.csrfToken,
  onUnauthenticated: () => {
    session.clear()
    const here = router.currentRoute.value
    if (!here.meta.public) {
      void router.push({ name: 'login', query: { redirect: here.fullPath } })
    }
  },
})
installGuard(router, session)
app.use(router)

// Keep PrimeVue's built-in texts and the document language in step with the UI language.
const primevueConfig = app.config.globalProperties.$primevue.config
watch(
  i18n.global.locale,
  (language) => {
    if (primevueConfig.locale)
      primevueConfig.locale = primeVueLocale(primevueConfig.locale, language)
    document.documentElement.lang = language
  },
  { immediate: true },
)

app.mount('#app')
